using Platform.Studio.Localization;

namespace Platform.Studio.Runtime.Lists;

/// <summary>Strings of the list view's board, grouping and bulk actions: key → (中文, English).</summary>
internal sealed class ListTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
    {
        ["list.view.table"] = ("表格", "Table"),
        ["list.view.board"] = ("看板", "Board"),
        ["list.board.by"] = ("看板字段", "Board by"),
        ["list.group.by"] = ("分组", "Group by"),
        ["list.group.none"] = ("不分组", "No grouping"),
        ["list.group.empty"] = ("（空）", "(empty)"),
        ["list.group.more"] = ("只显示记录最多的 {0} 组。", "Only the {0} largest groups are shown."),
        ["board.more"] = ("还有 {0} 条未显示", "{0} more not shown"),
        ["board.moved"] = ("已更新。", "Updated."),
        ["board.conflict"] = ("其他人已先修改了这条记录，看板已刷新。", "Someone else changed this record first; the board was refreshed."),
        ["bulk.selected"] = ("已选 {0} 条", "{0} selected"),
        ["bulk.owner"] = ("负责人", "Owner"),
        ["bulk.assign"] = ("分配", "Assign"),
        ["bulk.field"] = ("修改字段", "Update field"),
        ["bulk.update"] = ("批量修改", "Update"),
        ["bulk.delete"] = ("删除", "Delete"),
        ["bulk.delete.confirm"] = ("删除选中的 {0} 条记录？删除后可以恢复。", "Delete the {0} selected records? They can be restored."),
        ["bulk.cancel"] = ("取消", "Cancel"),
        ["upload.choose"] = ("上传文件", "Upload files"),
        ["upload.remove"] = ("移除", "Remove"),
        ["upload.failed"] = ("“{0}”上传失败：{1}", "Uploading “{0}” failed: {1}"),
        ["comments.title"] = ("评论", "Comments"),
        ["comments.none"] = ("还没有评论。", "No comments yet."),
        ["comments.add"] = ("写评论", "Write a comment"),
        ["comments.send"] = ("发表", "Post"),
        ["views.title"] = ("视图", "Views"),
        ["views.all"] = ("全部记录", "All records"),
        ["views.save"] = ("保存为视图…", "Save as view…"),
        ["views.name"] = ("视图名称", "View name"),
        ["views.shared"] = ("共享给所有人", "Share with everyone"),
        ["views.saved"] = ("视图已保存。", "View saved."),
        ["views.delete"] = ("删除视图", "Delete view"),
        ["views.mine"] = ("我的", "Mine"),
        ["views.sharedlabel"] = ("共享", "Shared"),
        ["bulk.done"] = ("已处理 {0} 条。", "{0} records done."),
    };
}
