using Platform.Core.Organization;

namespace Platform.Studio.Admin;

/// <summary>A department with its depth in the tree, for indented lists and pickers.</summary>
public sealed record DepartmentNode(DepartmentInfo Department, int Depth);

/// <summary>Orders a flat department list as a tree (depth-first, siblings by sort order then name).</summary>
public static class DepartmentTree
{
    public static IReadOnlyList<DepartmentNode> Flatten(IReadOnlyList<DepartmentInfo> departments)
    {
        var ids = departments.Select(d => d.Id).ToHashSet();
        var children = departments.ToLookup(d => d.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var result = new List<DepartmentNode>(departments.Count);
        void Walk(Guid? parent, int depth)
        {
            foreach (var d in children[parent].OrderBy(d => d.SortOrder).ThenBy(d => d.Name, StringComparer.Ordinal))
            {
                result.Add(new DepartmentNode(d, depth));
                Walk(d.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }

    /// <summary>The department and everything below it: the parents it may not be moved under.</summary>
    public static IReadOnlySet<Guid> Subtree(IReadOnlyList<DepartmentInfo> departments, Guid root)
    {
        var set = new HashSet<Guid> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var d in departments)
                if (d.ParentId is { } p && set.Contains(p) && set.Add(d.Id)) grew = true;
        } while (grew);
        return set;
    }
}
