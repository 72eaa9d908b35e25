import type { ServiceImpl } from "@connectrpc/connect";
import type { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { callerId } from "../../platform/auth/caller";
import type { CommentStore } from "../db/comment-store";

/** commentService implements todo.v1.CommentService: thin mapping around the comment store. */
export function commentService(store: CommentStore): ServiceImpl<typeof CommentService> {
  return {
    async addComment(req, context) {
      return { comment: await store.add(callerId(context), req.taskId, req.body) };
    },
    async listComments(req, context) {
      return store.list(callerId(context), req.taskId, { size: req.pageSize, token: req.pageToken });
    },
    async updateComment(req, context) {
      return { comment: await store.edit(callerId(context), req.id, req.body) };
    },
    async deleteComment(req, context) {
      await store.remove(callerId(context), req.id);
      return {};
    },
  };
}
