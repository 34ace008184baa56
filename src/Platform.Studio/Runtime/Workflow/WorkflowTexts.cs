using Platform.Studio.Localization;

namespace Platform.Studio.Runtime.Workflow;

/// <summary>Strings of the record page's workflow panel and the notification bell: key → (中文, English).</summary>
internal sealed class WorkflowTexts : IStudioTextSource
{
    public IReadOnlyDictionary<string, (string Zh, string En)> Texts { get; } = new Dictionary<string, (string, string)>
    {
        ["wf.title"] = ("流程", "Workflow"),
        ["wf.none"] = ("这条记录还没有流程。", "No workflow has run on this record."),
        ["wf.start"] = ("发起：{0}", "Start: {0}"),
        ["wf.started"] = ("流程已发起。", "The workflow has started."),
        ["wf.status.running"] = ("进行中", "Running"),
        ["wf.status.completed"] = ("已完成", "Completed"),
        ["wf.status.rejected"] = ("已驳回", "Rejected"),
        ["wf.status.terminated"] = ("已终止", "Terminated"),
        ["wf.status.failed"] = ("出错", "Failed"),
        ["wf.status.cancelled"] = ("已取消", "Cancelled"),
        ["wf.current"] = ("当前步骤", "Current step"),
        ["wf.waiting"] = ("等待：{0}", "Waiting for: {0}"),
        ["wf.due"] = ("截止 {0}", "Due {0}"),
        ["wf.overdue"] = ("已超时", "Overdue"),
        ["wf.yourturn"] = ("轮到您处理", "Your turn"),
        ["wf.comment"] = ("意见", "Comment"),
        ["wf.approve"] = ("同意", "Approve"),
        ["wf.reject"] = ("驳回", "Reject"),
        ["wf.return"] = ("退回", "Return"),
        ["wf.return.to"] = ("退回到", "Return to"),
        ["wf.transfer"] = ("转交", "Transfer"),
        ["wf.transfer.to"] = ("转交给", "Transfer to"),
        ["wf.addcomment"] = ("评论", "Comment"),
        ["wf.done"] = ("已处理。", "Done."),
        ["wf.failed"] = ("操作失败：{0}", "The action failed: {0}"),
        ["wf.comment.required"] = ("请先填写意见。", "Write a comment first."),
        ["wf.pick.required"] = ("请先选择。", "Choose first."),
        ["wf.trail"] = ("处理记录", "Trail"),
        ["wf.notinvolved"] = ("您未参与此流程，流程图不显示。", "You are not involved in this workflow, so its diagram is not shown."),
        ["wf.action.approve"] = ("同意", "approved"),
        ["wf.action.reject"] = ("驳回", "rejected"),
        ["wf.action.return"] = ("退回", "returned"),
        ["wf.action.transfer"] = ("转交", "transferred"),
        ["wf.action.add_signer"] = ("加签", "added a signer"),
        ["wf.action.comment"] = ("评论", "commented"),
        ["wf.action.timeout"] = ("超时", "timed out"),
        ["wf.action.cancelled"] = ("取消", "cancelled"),
        ["bell.title"] = ("通知", "Notifications"),
        ["bell.none"] = ("没有通知。", "No notifications."),
        ["bell.readall"] = ("全部标为已读", "Mark all read"),
        ["bell.todo"] = ("{0} 项待办", "{0} tasks to do"),
    };
}
