import type { ScopeName } from "../../../vocabulary/token-scopes";

/**
 * toolScopes maps every MCP tool to the personal access token scope it needs; mcp-scopes.pg.test.ts fails for a
 * registered tool missing here, and a tool missing here is refused to every token (fail closed). The tools call
 * the same procedures a Connect client does, whose own scopes (vocabulary/token-scopes.ts) are checked again.
 */
export const toolScopes: Readonly<Record<string, ScopeName>> = {
  add_task: "write",
  list_tasks: "read",
  search_tasks: "read",
  update_task: "write",
  complete_task: "write",
  delete_task: "delete",
  set_reminder: "write",
  list_projects: "read",
  add_project: "write",
  update_project: "write",
  delete_project: "delete",
  restore_project: "write",
  list_sections: "read",
  add_section: "write",
  delete_section: "delete",
  move_task: "write",
  add_subtasks: "write",
  list_project_tasks: "read",
  filter_tasks: "read",
  write_filter: "read",
  today_tasks: "read",
  upcoming_tasks: "read",
  list_saved_filters: "read",
  save_filter: "write",
  delete_saved_filter: "delete",
  list_members: "read",
  invite_member: "write",
  revoke_invitation: "delete",
  change_member_role: "write",
  remove_member: "delete",
  leave_project: "delete",
  list_invitations: "read",
  accept_invitation: "write",
  decline_invitation: "write",
  assign_task: "write",
  list_comments: "read",
  add_comment: "write",
  edit_comment: "write",
  delete_comment: "delete",
};

/**
 * toolRefusal is why a token may not run a tool, or undefined when it may (a session's calls carry no scopes).
 * A destructive tool without the delete scope is refused outright rather than confirmed: /mcp is stateless, so
 * there is no conversation to hold a pending confirmation, and a confirmation the same agent answers protects
 * nothing. The message tells the agent what to tell its user.
 */
export function toolRefusal(tool: string, scopes: ReadonlySet<ScopeName> | undefined): string | undefined {
  if (!scopes) return undefined;
  const needs = toolScopes[tool];
  if (needs && scopes.has(needs)) return undefined;
  if (needs === "delete")
    return "PermissionDenied: this token has no delete scope. Ask the user to delete it in taskmesh themselves, or to make a token with the delete scope.";
  return `PermissionDenied: this token lacks the ${needs ?? "required"} scope for ${tool}.`;
}
