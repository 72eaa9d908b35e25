import type { Comment, CommentChangeKind } from "../../../../gen/todo/v1/comment_pb";
import type { Task, TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import type { WatchTasksResponse } from "../../../../gen/todo/v1/task_service_pb";

/** TaskChange is one change to a task seen by this tab: from the live stream or from its own calls. */
export interface TaskChange {
  kind: TaskChangeKind;
  task: Task;
}

/**
 * TaskEvents fans task changes out to the screens showing tasks; `resync` asks them to reload; `organiseChanged`
 * says a project, section or saved filter changed (on another client too), for the lists that show those.
 */
export class TaskEvents {
  private changeListeners = new Set<(change: TaskChange) => void>();
  private resyncListeners = new Set<() => void>();
  private organiseListeners = new Set<() => void>();
  private commentListeners = new Set<(kind: CommentChangeKind, comment: Comment) => void>();
  private liveListeners = new Set<(message: WatchTasksResponse) => void>();

  onChange(listener: (change: TaskChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  emit(change: TaskChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  resync(): void {
    for (const listener of this.resyncListeners) listener();
  }

  onOrganiseChange(listener: () => void): () => void {
    this.organiseListeners.add(listener);
    return () => this.organiseListeners.delete(listener);
  }

  organiseChanged(): void {
    for (const listener of this.organiseListeners) listener();
  }

  /** onComment hears every comment change on the tasks this user can see (the thread keeps its task's). */
  onComment(listener: (kind: CommentChangeKind, comment: Comment) => void): () => void {
    this.commentListeners.add(listener);
    return () => this.commentListeners.delete(listener);
  }

  commentChanged(kind: CommentChangeKind, comment: Comment): void {
    for (const listener of this.commentListeners) listener(kind, comment);
  }

  /** onLive hears each change the live stream brings as it came, with who made it (the actor notices). */
  onLive(listener: (message: WatchTasksResponse) => void): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  live(message: WatchTasksResponse): void {
    for (const listener of this.liveListeners) listener(message);
  }
}
