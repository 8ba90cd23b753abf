// Measures a rendered page: setData calls and bytes per interaction, WXML nodes, depth and
// children, and setData keys the template never reads. Every page test ends with `expectWithinBudgets`.
import * as fs from 'fs';

export const BUDGET = { setDataPerAction: 2, setDataBytes: 32 * 1024, nodes: 1000, depth: 30, children: 60 };

export interface SetDataCall { keys: string[]; bytes: number }
export interface Interaction { label: string; calls: SetDataCall[] }
export interface TreeStats { nodes: number; depth: number; maxChildren: number }

export function treeStats(root: Element): TreeStats {
  let nodes = 0;
  let depth = 0;
  let maxChildren = 0;
  const walk = (el: Element, level: number): void => {
    nodes += 1;
    depth = Math.max(depth, level);
    maxChildren = Math.max(maxChildren, el.children.length);
    Array.from(el.children).forEach((child) => walk(child, level + 1));
  };
  walk(root, 1);
  return { nodes, depth, maxChildren };
}

/** Names the template reads: identifiers inside {{ }} and wx:for lists. */
export function templateNames(wxml: string): Set<string> {
  const names = new Set<string>();
  const exprs = wxml.match(/\{\{[\s\S]*?\}\}/g) ?? [];
  exprs.forEach((expr) => {
    const stripped = expr.replace(/'[^']*'|"[^"]*"/g, '');
    (stripped.match(/[A-Za-z_$][\w$]*/g) ?? []).forEach((name) => names.add(name));
  });
  return names;
}

export class PageAudit {
  readonly interactions: Interaction[] = [];
  private current: Interaction;
  readonly stats: TreeStats[] = [];
  private readonly names: Set<string>;
  readonly unusedKeys = new Set<string>();

  constructor(wxmlPath: string) {
    this.names = templateNames(fs.readFileSync(wxmlPath, 'utf8'));
    this.current = { label: 'load', calls: [] };
    this.interactions.push(this.current);
  }

  record(data: Record<string, unknown>): void {
    const keys = Object.keys(data);
    keys.forEach((key) => {
      const root = key.split(/[.[]/)[0];
      if (!this.names.has(root)) this.unusedKeys.add(root);
    });
    this.current.calls.push({ keys, bytes: JSON.stringify(data).length });
  }

  /** Starts counting a new user action. */
  begin(label: string): void {
    this.current = { label, calls: [] };
    this.interactions.push(this.current);
  }

  snapshot(root: Element): TreeStats {
    const stats = treeStats(root);
    this.stats.push(stats);
    return stats;
  }

  report(): { worstCalls: number; worstBytes: number; worstNodes: number; worstDepth: number; worstChildren: number } {
    return {
      worstCalls: Math.max(0, ...this.interactions.map((i) => i.calls.length)),
      worstBytes: Math.max(0, ...this.interactions.flatMap((i) => i.calls.map((c) => c.bytes))),
      worstNodes: Math.max(0, ...this.stats.map((s) => s.nodes)),
      worstDepth: Math.max(0, ...this.stats.map((s) => s.depth)),
      worstChildren: Math.max(0, ...this.stats.map((s) => s.maxChildren)),
    };
  }
}
