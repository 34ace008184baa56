using Platform.Forms.Queries;
using Platform.Forms.Records;

namespace Platform.Forms.Api;

/// <summary>A record with the titles of the records its relation fields point at (only those the caller may see).</summary>
public sealed record RecordView(FormRecord Record, IReadOnlyDictionary<string, IReadOnlyList<RecordTitle>> Relations);
