import type { FakeGitHub } from "./fake-github.js";
import { notFound, route, type FakeRequest, type Route } from "./router.js";
import type { FakeRepo } from "./state.js";

/** The app's own account, as GitHub names the bot user of an app installation. */
export const ANDON_BOT = "andon[bot]";

/** The roles GitHub knows, and the legacy base permission each reads as. */
const LEGACY: Record<string, "admin" | "write" | "read"> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
};

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

/** Collaborator permissions and issue-comment reactions: what the `/andon` commands use. */
export function issueRoutes(fake: FakeGitHub): Route[] {
  const repoOf = (req: FakeRequest) => fake.getRepo(req.params.owner!, req.params.repo!)!;

  return [
    // "Get repository permissions for a user"
    // (https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user):
    // `permission` is the legacy base role (maintain reads as write, triage as read),
    // `role_name` the full one. Someone who is not a collaborator reads `read` on a
    // public repository and `none` on a private one; an unknown account is a 404.
    route("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", {}, (req) => {
      const repo = repoOf(req);
      const login = req.params.username!;
      if (fake.ghosts.has(login.toLowerCase())) return notFound();
      const role = repo.collaborators?.get(login.toLowerCase());
      const outsider = repo.private ? "none" : "read";
      const permission = role ? LEGACY[role]! : outsider;
      return {
        permission,
        role_name: role ?? outsider,
        user: { login, type: "User", permissions: { admin: permission === "admin" } },
      };
    }),
    // "Create reaction for an issue comment"
    // (https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment):
    // 201 when created, 200 with the existing reaction when this user already gave it.
    route(
      "POST",
      "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      { body: ["content"] },
      (req) => {
        const comment = repoOf(req).issueComments?.find(
          (c) => c.id === Number(req.params.comment_id),
        );
        if (!comment) return notFound();
        const content = String(req.body.content ?? "");
        if (!REACTIONS.includes(content)) {
          return { status: 422, body: { message: "Validation Failed" } };
        }
        const existing = comment.reactions.find(
          (r) => r.user === ANDON_BOT && r.content === content,
        );
        if (existing) return { status: 200, body: reactionJson(existing) };
        const reaction = {
          id: fake.id(),
          user: ANDON_BOT,
          content,
          created_at: fake.now.toISOString(),
        };
        comment.reactions.push(reaction);
        return { status: 201, body: reactionJson(reaction) };
      },
    ),
  ];
}

function reactionJson(r: { id: number; user: string; content: string; created_at: string }) {
  return {
    id: r.id,
    node_id: `REA_${r.id}`,
    user: { login: r.user, type: "Bot" },
    content: r.content,
    created_at: r.created_at,
  };
}

/** The reactions on an issue comment of `repo`, as `user content` strings, oldest first. */
export function reactionsOn(repo: FakeRepo, commentId: number): string[] {
  const comment = repo.issueComments?.find((c) => c.id === commentId);
  return (comment?.reactions ?? []).map((r) => `${r.user} ${r.content}`);
}
