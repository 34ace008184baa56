using System.Security.Cryptography;

namespace Platform.Core.Identity;

/// <summary>Random passwords that always satisfy the password rules (upper and lower case letter, digit).</summary>
internal static class PasswordGenerator
{
    // No 0/O, 1/l/I: people copy these passwords by hand.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static string Generate(int length = 16)
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(Alphabet, length);
            if (candidate.Any(char.IsUpper) && candidate.Any(char.IsLower) && candidate.Any(char.IsDigit)) return candidate;
        }
    }
}
