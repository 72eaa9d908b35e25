import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import {
  type ChatAction,
  type ChatMessage,
  ChatMessageSchema,
  ChatTaskOffer,
  MessageRole,
  PendingKind,
} from "../../../../gen/todo/v1/chat_service_pb";
import { TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import {
  collapsesActions,
  offerFor,
  offersOf,
  replyDirection,
  sameText,
  tasksToFetch,
  withOffers,
} from "../domain/chat-view";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { Icon } from "./icons";
import { followInApp, navigate } from "./router";
import "./chat-panel.css";

type PanelState = "loading" | "ready" | "unavailable";

const unimplemented = (e: unknown) => [Code.Unimplemented, Code.NotFound].includes(ConnectError.from(e).code);

/**
 * Actions lists what a reply did. Each task is offered as it is now (ChatAction.offer): a link to open
 * it, a Restore button when it is deleted, nothing when it is gone. A bulk reply (up to 500 actions)
 * is folded behind a disclosure: the reply text already says how many.
 */
function Actions({
  actions,
  replyText,
  dir,
  onRestore,
}: {
  actions: ChatAction[];
  replyText: string;
  dir: "rtl" | "ltr" | "auto";
  onRestore: (taskId: string) => void;
}) {
  const i18n = useI18n();
  if (actions.length === 0) return null;
  const list = (
    <ul className="chat-actions">
      {actions.map((action) => {
        const offer = offerFor(action);
        return (
          <li key={`${action.tool}:${action.taskId}:${action.summary}`} data-testid="chat-action">
            {/* A one-action reply usually says what the action did already; then only the offer is new. */}
            {!sameText(action.summary, replyText) && (
              <>
                <Icon name="check" size={14} />
                <span dir={dir}>{action.summary || action.tool}</span>
              </>
            )}
            {offer === "open" && (
              <a href={`/tasks/${action.taskId}`} onClick={followInApp}>
                {i18n.t("chat.openTask")}
              </a>
            )}
            {offer === "restore" && (
              <button type="button" className="chat-restore" onClick={() => onRestore(action.taskId)}>
                {i18n.t("chat.restore")}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
  if (!collapsesActions(actions)) return list;
  return (
    <details className="chat-actions-fold" data-testid="chat-actions-fold">
      <summary>{i18n.t("chat.actionsCount", { count: actions.length.toLocaleString(i18n.locale) })}</summary>
      {list}
    </details>
  );
}

/** pendingHint says what the assistant waits for; an offer waits for nothing (any message will do). */
const pendingHint = (kind: PendingKind) =>
  kind === PendingKind.CONFIRMATION
    ? "chat.waitingConfirmation"
    : kind === PendingKind.OFFER
      ? "chat.offers"
      : "chat.waitingClarification";

/**
 * ChatPanel is the conversation with the orchestrator. A clarifying question or a confirmation is
 * answered in place with its options; the tasks the assistant touched are linked.
 */
export function ChatPanel({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { api, timeZone, taskEvents } = useSession();
  const [state, setState] = useState<PanelState>("loading");
  const [conversationId, setConversationId] = useState("");
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // The language the server detected for each reply received in this tab (GetConversation does not say).
  const [languages, setLanguages] = useState<ReadonlyMap<string, string>>(new Map());
  const i18nNow = useRef(i18n);
  i18nNow.current = i18n;
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    let current = true;
    (async () => {
      try {
        const { conversations } = await api.chat.listConversations({ pageSize: 1 });
        const latest = conversations[0];
        if (latest) {
          const conversation = await api.chat.getConversation({ id: latest.id });
          if (!current) return;
          setConversationId(latest.id);
          setMessages(conversation.messages);
        }
        if (current) setState("ready");
      } catch (e) {
        if (!current) return;
        if (unimplemented(e)) setState("unavailable");
        else {
          setState("ready");
          setProblem(errorMessage(e, i18nNow.current));
        }
      }
    })();
    input.current?.focus();
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (messages.length === 0 && !sending) return;
    log.current?.scrollTo({ top: log.current.scrollHeight, behavior: "smooth" });
  }, [messages, sending]);

  const send = async (message: string) => {
    const trimmed = message.trim();
    if (!trimmed || sending) return;
    setSending(true);
    setProblem(undefined);
    const mine = create(ChatMessageSchema, {
      id: `local-${Date.now()}`,
      role: MessageRole.USER,
      text: trimmed,
      createdAt: timestampFromDate(new Date()),
    });
    setMessages((list) => [...list, mine]);
    setText("");
    try {
      const res = await api.chat.sendMessage({
        conversationId,
        text: trimmed,
        timeZone,
        referenceTime: timestampFromDate(new Date()),
      });
      setConversationId(res.conversationId);
      const reply = res.reply ?? create(ChatMessageSchema, { role: MessageRole.ASSISTANT });
      if (reply.actions.length === 0) reply.actions = res.actions;
      if (!reply.pending && res.pending) reply.pending = res.pending;
      if (res.language) setLanguages((known) => new Map(known).set(reply.id, res.language));
      // Earlier messages naming the same tasks now offer what this reply says (deleted → Restore, undone → Open).
      setMessages((list) => [...withOffers(list, offersOf(reply.actions)), reply]);
      // The live stream brings these too; fetching a few keeps this tab right even while it reconnects.
      // A bulk reply (hundreds of tasks) asks the lists to reload once instead of one GetTask per task.
      const { ids, resync } = tasksToFetch(reply.actions);
      if (resync) taskEvents.resync();
      for (const taskId of ids) {
        api.tasks
          .getTask({ id: taskId })
          .then(({ task }) => task && taskEvents.emit({ kind: TaskChangeKind.UPDATED, task }))
          .catch(() => undefined);
      }
    } catch (e) {
      if (unimplemented(e)) setState("unavailable");
      setMessages((list) => list.filter((m) => m !== mine));
      setText(trimmed);
      setProblem(errorMessage(e, i18n));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const restore = async (taskId: string) => {
    setProblem(undefined);
    try {
      const { task } = await api.tasks.restoreTask({ id: taskId });
      if (task) taskEvents.emit({ kind: TaskChangeKind.RESTORED, task });
      setMessages((list) => withOffers(list, new Map([[taskId, ChatTaskOffer.OPEN]])));
      navigate(`/tasks/${taskId}`);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(text);
    }
  };

  const last = messages.at(-1);
  const pending =
    last?.role === MessageRole.ASSISTANT && last.pending && last.pending.kind !== PendingKind.UNSPECIFIED
      ? last.pending
      : undefined;
  const examples = [i18n.t("chat.example1"), i18n.t("chat.example2"), i18n.t("chat.example3")];

  return (
    <aside className="chat-panel" aria-labelledby={`${id}-title`} data-testid="chat-panel">
      <header className="chat-header">
        <Icon name="sparkle" />
        <h2 id={`${id}-title`}>{i18n.t("chat.title")}</h2>
        {messages.length > 0 && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => {
              setConversationId("");
              setMessages([]);
              setProblem(undefined);
            }}
          >
            {i18n.t("chat.newConversation")}
          </button>
        )}
        <button type="button" className="icon-button" onClick={onClose} aria-label={i18n.t("chat.close")}>
          <Icon name="close" />
        </button>
      </header>
      {state === "unavailable" ? (
        <div className="state-block" data-testid="chat-unavailable">
          <Icon name="chat" size={32} />
          <p>{i18n.t("chat.unavailable")}</p>
        </div>
      ) : (
        <>
          <div className="chat-log" ref={log} role="log" aria-live="polite" aria-busy={sending || state === "loading"}>
            {state === "loading" && <p className="state-line">{i18n.t("common.loading")}</p>}
            {state === "ready" && messages.length === 0 && (
              <div className="chat-empty">
                <p>{i18n.t("chat.empty")}</p>
                <ul>
                  {examples.map((example) => (
                    <li key={example}>
                      <button
                        type="button"
                        className="example"
                        onClick={() => void send(example)}
                        dir="auto"
                        aria-label={i18n.t("chat.tryExample", { text: example })}
                      >
                        {example}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {messages.map((message) => {
              const mine = message.role === MessageRole.USER;
              // Urdu replies right to left, Roman Urdu and English left to right; what the user typed: auto.
              const dir = mine ? "auto" : (replyDirection(message.text, languages.get(message.id)) ?? "auto");
              return (
                <div
                  key={message.id}
                  className={`bubble ${mine ? "from-user" : "from-assistant"}`}
                  data-testid={mine ? "chat-user" : "chat-assistant"}
                >
                  <span className="visually-hidden">{mine ? i18n.t("chat.you") : i18n.t("chat.assistant")}: </span>
                  <p dir={dir} data-testid="chat-text">
                    {message.text}
                  </p>
                  <Actions
                    actions={message.actions}
                    replyText={message.text}
                    dir={dir}
                    onRestore={(taskId) => void restore(taskId)}
                  />
                </div>
              );
            })}
            {pending && pending.options.length > 0 && !sending && (
              // An offer (undo, show more) is optional: any other message is a new request.
              <fieldset
                className={`chat-options${pending.kind === PendingKind.OFFER ? " is-offer" : ""}`}
                data-testid="chat-options"
                data-kind={PendingKind[pending.kind]?.toLowerCase()}
              >
                <legend className="visually-hidden">{pending.question || i18n.t(pendingHint(pending.kind))}</legend>
                {pending.options.map((option, index) => (
                  <button
                    key={option}
                    type="button"
                    className={`button small${index === 0 && pending.kind === PendingKind.CONFIRMATION ? " primary" : ""}`}
                    onClick={() => void send(option)}
                    disabled={sending}
                    dir="auto"
                  >
                    {option}
                  </button>
                ))}
              </fieldset>
            )}
            {sending && (
              <div className="bubble from-assistant is-thinking" role="status">
                <span className="dots" aria-hidden="true">
                  <span />
                  <span />
                  <span />
                </span>
                <span className="visually-hidden">{i18n.t("chat.thinking")}</span>
              </div>
            )}
          </div>
          {problem && (
            <p className="form-error chat-problem" role="alert">
              {problem}
            </p>
          )}
          <form className="chat-input" onSubmit={submit}>
            <label htmlFor={`${id}-input`} className="visually-hidden">
              {i18n.t("chat.input")}
            </label>
            <textarea
              id={`${id}-input`}
              ref={input}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              rows={2}
              maxLength={2000}
              placeholder={i18n.t(
                pending && pending.kind !== PendingKind.OFFER ? pendingHint(pending.kind) : "chat.placeholder",
              )}
              dir="auto"
              data-testid="chat-input"
            />
            <button
              type="submit"
              className="button primary icon-only"
              disabled={sending || !text.trim()}
              aria-label={i18n.t("chat.send")}
            >
              <Icon name="send" />
            </button>
          </form>
        </>
      )}
    </aside>
  );
}
