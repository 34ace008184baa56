using System.Security.Cryptography;
using System.Text;

namespace Platform.Packages.Install;

/// <summary>
/// The upgrade rule shared by every kind of definition: new ones are published, ones unchanged since the last
/// install follow the package, ones the customer changed are kept and reported.
/// </summary>
internal static class InstallDecision
{
    /// <summary>True when the package's version should be published; records the hash it leaves installed.</summary>
    public static bool Decide(string file, string hashKey, string key, string hash, string? currentHash,
        Dictionary<string, string> hashes, List<CustomerChange> changes)
    {
        if (currentHash is null) { hashes[hashKey] = hash; return true; }
        if (currentHash == hash) { hashes[hashKey] = hash; return false; }
        if (hashes.TryGetValue(hashKey, out var installed) && installed == currentHash) { hashes[hashKey] = hash; return true; }
        changes.Add(new CustomerChange(file, key, installed is null
            ? "the app already has this definition and it was not installed by this package; left as it is"
            : "changed in the Studio since the package installed it; left as it is (compare and merge by hand)"));
        return false;
    }


    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
