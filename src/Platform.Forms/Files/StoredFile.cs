namespace Platform.Forms.Files;

/// <summary>An uploaded file's metadata, as attachment and image values reference it.</summary>
public sealed record StoredFile(Guid Id, string Name, string ContentType, long Size);

/// <summary>The outcome of an upload: the file, or why it was refused (en, zh).</summary>
public sealed record UploadResult(StoredFile? File, string? ErrorEn = null, string? ErrorZh = null, bool Forbidden = false);
