// Rebuilds the thread tree from the API's flat, depth-first list.
import type { PublicComment } from '../shared/api.js';

export interface CommentNode {
  c: PublicComment;
  kids: CommentNode[];
}

/**
 * Keeps the list's order among siblings. A reply whose parent is not loaded is shown at the top
 * level rather than lost; a removed comment is kept only as a tombstone above visible replies.
 */
export function buildTree(list: readonly PublicComment[]): CommentNode[] {
  const byId = new Map<number, CommentNode>();
  for (const c of list) byId.set(c.id, { c, kids: [] });
  const roots: CommentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.c.parentId === null ? undefined : byId.get(node.c.parentId);
    (parent ? parent.kids : roots).push(node);
  }
  const prune = (nodes: CommentNode[]): CommentNode[] =>
    nodes.filter((n) => {
      n.kids = prune(n.kids);
      return n.c.status !== 'removed' || n.kids.length > 0;
    });
  return prune(roots);
}
