import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { type Comment, CommentChangeKind } from "../../../../gen/todo/v1/comment_pb";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { ActionButton } from "./form-fields";
import { useToasts } from "./toasts";
import "./comment-thread.css";

/** Pages read when the thread opens: 10 × 100 is the most one task holds (COMMENTS_PER_TASK_MAX). */
const pagesMax = 10;

const byId = (a: Comment, b: Comment) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * CommentThread is a task's discussion: the comments oldest first, a box to add one, and edit/delete on the
 * caller's own. Comments from other people and other clients arrive live (WatchTasks → TaskEvents.onComment).
 * A body is shown as text only — React escapes it, and nothing here renders HTML or Markdown or makes links — so
 * "<script>", "<img onerror>", "[x](javascript:…)" are seen exactly as typed.
 */
export function CommentThread({ taskId }: { taskId: string }) {
  const i18n = useI18n();
  const { api, user, taskEvents } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [comments, setComments] = useState<Comment[]>([]);
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");

  const upsert = useCallback((comment: Comment) => {
    setComments((all) => [...all.filter((c) => c.id !== comment.id), comment].sort(byId));
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const all: Comment[] = [];
      let pageToken = "";
      try {
        for (let page = 0; page < pagesMax; page++) {
          const res = await api.comments.listComments({ taskId, pageSize: 100, pageToken });
          all.push(...res.comments);
          pageToken = res.nextPageToken;
          if (!pageToken) break;
        }
        if (live) setComments((seen) => [...new Map([...all, ...seen].map((c) => [c.id, c])).values()].sort(byId));
      } catch (error) {
        if (live) setProblem(errorMessage(error, i18n));
      }
    })();
    return () => {
      live = false;
    };
  }, [api, taskId, i18n]);

  useEffect(
    () =>
      taskEvents.onComment((kind, comment) => {
        if (comment.taskId !== taskId) return;
        if (kind === CommentChangeKind.DELETED) setComments((all) => all.filter((c) => c.id !== comment.id));
        else upsert(comment);
      }),
    [taskEvents, taskId, upsert],
  );

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem("");
    try {
      await work();
    } catch (error) {
      setProblem(errorMessage(error, i18n));
    } finally {
      setBusy(false);
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    void run(async () => {
      const { comment } = await api.comments.addComment({ taskId, body: draft });
      if (comment) upsert(comment);
      setDraft("");
    });
  };

  const saveEdit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    void run(async () => {
      const { comment } = await api.comments.updateComment({ id: editing.id, body: editing.body });
      if (comment) upsert(comment);
      setEditing(null);
    });
  };

  const remove = (comment: Comment) =>
    void run(async () => {
      await api.comments.deleteComment({ id: comment.id });
      setComments((all) => all.filter((c) => c.id !== comment.id));
      toasts.show({ tone: "success", message: i18n.t("comments.deleted") });
    });

  return (
    <section className="comment-thread" aria-labelledby={`${id}-heading`} data-testid="comment-thread">
      <h3 id={`${id}-heading`}>{i18n.t("comments.heading")}</h3>
      {comments.length === 0 ? <p className="muted">{i18n.t("comments.empty")}</p> : null}
      <ol className="comment-list">
        {comments.map((c) => (
          <li key={c.id} className="comment" data-testid="comment">
            <div className="comment-meta">
              {/* An empty name: the author deleted their account (docs/sharing.md). */}
              <strong>{c.authorName || i18n.t("comments.deletedAccount")}</strong>
              {c.createdAt ? (
                <time dateTime={new Date(Number(c.createdAt.seconds) * 1000).toISOString()}>
                  {new Date(Number(c.createdAt.seconds) * 1000).toLocaleString(i18n.language)}
                </time>
              ) : null}
              {c.edited ? <span className="muted"> · {i18n.t("comments.edited")}</span> : null}
            </div>
            {editing?.id === c.id ? (
              <form onSubmit={saveEdit} className="comment-edit">
                <label htmlFor={`${id}-edit`} className="visually-hidden">
                  {i18n.t("comments.editLabel")}
                </label>
                <textarea
                  id={`${id}-edit`}
                  value={editing.body}
                  maxLength={4000}
                  dir="auto"
                  onChange={(e) => setEditing({ id: c.id, body: e.target.value })}
                />
                <button type="submit" className="button small" disabled={busy}>
                  {i18n.t("comments.save")}
                </button>
                <button type="button" className="button small" onClick={() => setEditing(null)}>
                  {i18n.t("comments.cancel")}
                </button>
              </form>
            ) : (
              <p className="comment-body" dir="auto" data-testid="comment-body">
                {c.body}
              </p>
            )}
            {c.authorId === user.id && editing?.id !== c.id ? (
              <div className="comment-actions">
                <ActionButton
                  className="button small"
                  onClick={() => setEditing({ id: c.id, body: c.body })}
                  data-testid="comment-edit"
                  label={i18n.t("comments.edit")}
                />
                <ActionButton
                  className="button small"
                  disabled={busy}
                  onClick={() => remove(c)}
                  data-testid="comment-delete"
                  label={i18n.t("comments.delete")}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <form onSubmit={add} className="comment-add">
        <label htmlFor={`${id}-new`}>{i18n.t("comments.label")}</label>
        <textarea
          id={`${id}-new`}
          value={draft}
          maxLength={4000}
          dir="auto"
          onChange={(e) => setDraft(e.target.value)}
          data-testid="comment-input"
        />
        <button type="submit" className="button small" disabled={busy || !draft.trim()} data-testid="comment-post">
          {i18n.t("comments.post")}
        </button>
      </form>
      {problem ? (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
