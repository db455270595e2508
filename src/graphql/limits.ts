// Cost limits for every operation (HTTP and WebSocket): nesting depth and the number of fields
// selected after expanding fragments, so one request cannot ask for an unbounded tree.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";

export const MAX_DEPTH = 10;
export const MAX_FIELDS = 1500;

function measure(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number, seen: Set<string>): { depth: number; fields: number } {
  let maxDepth = depth;
  let fields = 0;
  for (const sel of set.selections) {
    let sub: SelectionSetNode | undefined;
    let d = depth;
    if (sel.kind === Kind.FIELD) {
      fields++;
      sub = sel.selectionSet;
      // `ofType` is a chain of single objects (NonNull → List → Named): it cannot fan out, and
      // GraphiQL's standard introspection query nests it 7 deep. The field count still applies.
      d = sel.name.value === "ofType" ? depth : depth + 1;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      sub = sel.selectionSet;
    } else {
      const name = sel.name.value;
      const frag = fragments.get(name);
      if (!frag || seen.has(name)) continue; // cycles are reported by graphql's own rules
      sub = frag.selectionSet;
      seen = new Set(seen).add(name);
    }
    if (sub) {
      const m = measure(sub, fragments, d, seen);
      maxDepth = Math.max(maxDepth, m.depth);
      fields += m.fields;
    } else {
      maxDepth = Math.max(maxDepth, d);
    }
  }
  return { depth: maxDepth, fields };
}

export function costLimitRule(context: ValidationContext): ASTVisitor {
  const doc = context.getDocument();
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return {
    OperationDefinition(op) {
      const { depth, fields } = measure(op.selectionSet, fragments, 0, new Set());
      if (depth > MAX_DEPTH) {
        context.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${MAX_DEPTH}`, { nodes: [op], extensions: { code: "QUERY_TOO_COMPLEX" } }));
      } else if (fields > MAX_FIELDS) {
        context.reportError(new GraphQLError(`query selects ${fields} fields, more than the limit of ${MAX_FIELDS}`, { nodes: [op], extensions: { code: "QUERY_TOO_COMPLEX" } }));
      }
    },
  };
}
