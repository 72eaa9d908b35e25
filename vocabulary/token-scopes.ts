import { TokenScope } from "../gen/todo/v1/token_service_pb";

/** ScopeName is a personal access token scope as people and the database name it. */
export type ScopeName = "read" | "write" | "delete";

/** The scopes a token may carry, in the order shown, with their contract enum values. */
export const tokenScopes: readonly { name: ScopeName; value: TokenScope }[] = [
  { name: "read", value: TokenScope.READ },
  { name: "write", value: TokenScope.WRITE },
  { name: "delete", value: TokenScope.DELETE },
];

/** scopeName names a contract scope; UNSPECIFIED (refused by validation) has no name. */
export const scopeName = (value: TokenScope): ScopeName | undefined => tokenScopes.find((s) => s.value === value)?.name;

/** scopeValue is the contract value of a stored scope name. */
export const scopeValue = (name: string): TokenScope =>
  tokenScopes.find((s) => s.name === name)?.value ?? TokenScope.UNSPECIFIED;

/** personalTokenPrefix starts every personal access token's secret, so it is recognisable (and secret scanners can find leaks). */
export const personalTokenPrefix = "tm_pat_";

/** A token's lifetime in days is between these bounds (the contract's expires_in_days). */
export const tokenLifetimeDays = { min: 1, max: 365, default: 90 } as const;

/** A user holds at most this many live (neither revoked nor expired) tokens. */
export const tokensPerUser = 20;

/**
 * Requirement is what a procedure needs from a personal access token: one scope, or `session` (a signed-in
 * session only: managing credentials, the account, and anything a leaked token must not reach), or `public`
 * (no token at all). A signed-in session (the web app's JWT) may call everything that is not public.
 */
export type Requirement = ScopeName | "session" | "public";

/**
 * procedureScopes maps every public procedure to what a personal access token needs to call it, by service type
 * name and method. A procedure missing here is refused to every token (fail closed), and
 * token-scopes.test.ts fails for every method of every todo.v1 service that has no entry, so a new RPC is
 * decided on when it is added.
 */
export const procedureScopes: Readonly<Record<string, Readonly<Record<string, Requirement>>>> = {
  "todo.v1.AuditService": { ListAuditEvents: "read", VerifyAuditChain: "read" },
  "todo.v1.AuthService": {
    Register: "public",
    Login: "public",
    Refresh: "public",
    Logout: "public",
    VerifyEmail: "public",
    RequestPasswordReset: "public",
    ResetPassword: "public",
    GetMe: "read",
    UpdateMe: "write",
    ResendVerificationEmail: "session",
    ChangePassword: "session",
    DeleteAccount: "session",
  },
  // The feed URL is a credential of its own: only a session hands it out or replaces it.
  "todo.v1.CalendarService": {
    GetCalendarFeed: "session",
    RegenerateCalendarFeed: "session",
    FetchCalendarFeed: "public",
  },
  // Chat acts through the same procedures, so a chat turn that deletes still needs the delete scope.
  "todo.v1.ChatService": {
    SendMessage: "write",
    StreamMessage: "write",
    ListConversations: "read",
    GetConversation: "read",
  },
  "todo.v1.CommentService": {
    ListComments: "read",
    AddComment: "write",
    UpdateComment: "write",
    DeleteComment: "delete",
  },
  "todo.v1.FilterService": {
    ParseFilter: "read",
    ListFilteredTasks: "read",
    ListToday: "read",
    ListUpcoming: "read",
    SuggestFilter: "read",
    GetSavedFilter: "read",
    ListSavedFilters: "read",
    CreateSavedFilter: "write",
    UpdateSavedFilter: "write",
    DeleteSavedFilter: "delete",
  },
  "todo.v1.NotificationService": {
    ListNotifications: "read",
    GetPreferences: "read",
    WatchNotifications: "read",
    MarkRead: "write",
    SnoozeNotification: "write",
    UpdatePreferences: "write",
  },
  "todo.v1.ProjectService": {
    GetProject: "read",
    ListProjects: "read",
    ListSections: "read",
    CreateProject: "write",
    UpdateProject: "write",
    RestoreProject: "write",
    CreateSection: "write",
    UpdateSection: "write",
    DeleteProject: "delete",
    DeleteSection: "delete",
  },
  "todo.v1.ShareService": {
    ListMembers: "read",
    ListInvitations: "read",
    InviteMember: "write",
    AcceptInvitation: "write",
    DeclineInvitation: "write",
    ChangeMemberRole: "write",
    RevokeInvitation: "delete",
    LeaveProject: "delete",
    RemoveMember: "delete",
    TransferOwnership: "session",
  },
  "todo.v1.TaskService": {
    GetTask: "read",
    ListTasks: "read",
    WatchTasks: "read",
    ParseQuickAdd: "read",
    CreateTask: "write",
    UpdateTask: "write",
    CompleteTask: "write",
    ReopenTask: "write",
    RestoreTask: "write",
    MoveTask: "write",
    DeleteTask: "delete",
  },
  // A token cannot mint, list or revoke tokens: a leaked one must not make itself permanent.
  "todo.v1.TokenService": {
    CreatePersonalAccessToken: "session",
    ListPersonalAccessTokens: "session",
    RevokePersonalAccessToken: "session",
    IntrospectPersonalAccessToken: "public",
  },
  "todo.v1.TransferService": { ExportData: "read", ImportData: "write" },
  // A new endpoint is a new outward channel holding its own signing secret: a session makes it.
  "todo.v1.WebhookService": {
    ListWebhookEndpoints: "read",
    ListWebhookDeliveries: "read",
    RedeliverWebhook: "write",
    ReplayWebhookEvents: "write",
    CreateWebhookEndpoint: "session",
    DeleteWebhookEndpoint: "delete",
  },
};

/** requirementOf names what a procedure ("/todo.v1.TaskService/CreateTask") needs; undefined: not in the table. */
export function requirementOf(procedure: string): Requirement | undefined {
  const [, service, method] = procedure.split("/");
  return service && method ? procedureScopes[service]?.[method] : undefined;
}

/** tokenMayCall: whether a personal access token with `scopes` may call `procedure` (unknown procedures: no). */
export function tokenMayCall(procedure: string, scopes: ReadonlySet<ScopeName>): boolean {
  const requirement = requirementOf(procedure);
  if (requirement === "public") return true;
  if (requirement === undefined || requirement === "session") return false;
  return scopes.has(requirement);
}
