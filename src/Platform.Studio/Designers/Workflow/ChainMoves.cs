namespace Platform.Studio.Designers.Workflow;

/// <summary>The card being dragged in the approval-chain designer: the list it sits in and its position there.</summary>
public sealed class ChainDrag
{
    public List<ChainStep>? From { get; set; }
    public int Index { get; set; }

    /// <summary>Raised after any card moved: a move can touch two lists, so every list of the chain redraws.</summary>
    public event Action? Moved;

    public void RaiseMoved() => Moved?.Invoke();
}

/// <summary>Moving chain cards: within a list, or into another branch; never a condition into one of its own branches.</summary>
public static class ChainMoves
{
    /// <summary>
    /// Moves <c>from[index]</c> so that it lands before the card now at <paramref name="position"/> of <paramref name="to"/>
    /// (the end when <paramref name="position"/> equals its length). False when the move is impossible or changes nothing.
    /// </summary>
    public static bool Move(List<ChainStep> from, int index, List<ChainStep> to, int position)
    {
        if (index < 0 || index >= from.Count || position < 0 || position > to.Count) return false;
        var step = from[index];
        if (step is ConditionStep condition && Holds(condition, to)) return false;
        if (ReferenceEquals(from, to))
        {
            if (position == index || position == index + 1) return false;
            if (position > index) position--;
        }
        from.RemoveAt(index);
        to.Insert(position, step);
        return true;
    }

    public static bool MoveUp(List<ChainStep> steps, int index) => Move(steps, index, steps, index - 1);

    public static bool MoveDown(List<ChainStep> steps, int index) => Move(steps, index, steps, index + 2);

    private static bool Holds(ConditionStep condition, List<ChainStep> list) =>
        condition.Branches.Any(b => ReferenceEquals(b.Steps, list) || b.Steps.OfType<ConditionStep>().Any(c => Holds(c, list)));
}
