using Platform.Forms.Fields;

namespace Platform.Forms.Records;

/// <summary>The outcome of a write; the API maps each case to its status code.</summary>
public abstract record RecordWriteResult
{
    private RecordWriteResult() { }

    public sealed record Saved(FormRecord Record) : RecordWriteResult;

    /// <summary>No such record, or not one the user may see (the two are indistinguishable on purpose).</summary>
    public sealed record NotFound : RecordWriteResult;

    public sealed record Forbidden(string En, string Zh) : RecordWriteResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : RecordWriteResult;

    /// <summary>The record changed since the caller read it; nothing was written.</summary>
    public sealed record Conflict(int CurrentVersion) : RecordWriteResult;

    internal static NotFound Missing { get; } = new();
}
