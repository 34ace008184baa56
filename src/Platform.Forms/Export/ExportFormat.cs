using System.Text.Json.Serialization;

namespace Platform.Forms.Export;

[JsonConverter(typeof(JsonStringEnumConverter<ExportFormat>))]
public enum ExportFormat { Xlsx, Csv }
