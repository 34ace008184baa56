using System.Security.Cryptography;
using System.Text;

namespace Platform.Core.Identity;

/// <summary>Generates and hashes token secrets: <c>plt_</c> followed by 40 random base62 characters.</summary>
internal static class ApiTokenSecret
{
    public const string Prefix = "plt_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 40;

    public static string Generate() => Prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool LooksLikeToken(string? value) =>
        value is { Length: > 4 } && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>What we show in lists: the prefix and a few characters.</summary>
    public static string DisplayPrefix(string secret) => secret[..Math.Min(secret.Length, Prefix.Length + 6)];
}
