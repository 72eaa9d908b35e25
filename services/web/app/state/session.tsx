import { createContext, useContext } from "react";
import type { User } from "../../../../gen/todo/v1/user_pb";
import type { Api } from "../api/api";
import type { LiveState } from "../api/live-stream";
import type { MembersDirectory } from "./members";
import type { TaskEvents } from "./task-events";

/** SessionValue is what every signed-in screen needs: the API, the user and the live task feed. */
export interface SessionValue {
  api: Api;
  user: User;
  setUser(user: User): void;
  /** timeZone is the profile's zone, which dates are read and shown in. */
  timeZone: string;
  signOut(): Promise<void>;
  taskEvents: TaskEvents;
  liveState: LiveState;
  /** members are the people of each project, read once (assignee avatars, the assignee picker). */
  members: MembersDirectory;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** useSession returns the signed-in session; screens under the shell always have one. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside a signed-in shell");
  return value;
}
