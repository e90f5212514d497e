import type { FactValue } from '../domain/facts.js';
import type { Lang, Localized } from '../domain/language.js';

/** A position in a flow. */
export interface FlowPointer {
  flowId: string;
  nodeId: string;
}

/** One thing the engine did, for the agent's handoff card. */
export interface TrailEntry {
  flowId: string;
  nodeId: string;
  kind: 'question' | 'check' | 'instruction' | 'resolution' | 'call';
  /** check: pass/fail/unknown; question: choice id, yes/no or the typed text; resolution: no. */
  result?: string;
}

/**
 * Everything the engine needs to continue a flow; plain JSON, so the dialog keeps it in conversation state.
 */
export interface FlowState {
  /** Knowledge base version the flow runs on. */
  kbVersion: string;
  lang: Lang;
  /** The flow started (an intent id). */
  flowId: string;
  /** The question/resolution waiting for the customer; null once the flow has finished. */
  at: FlowPointer | null;
  /** Call nodes to continue after when the current sub-flow returns (innermost last). */
  stack: FlowPointer[];
  /** Facts learned from the customer's answers during this flow; they override the facts passed in. */
  learned: Record<string, FactValue>;
  trail: TrailEntry[];
}

/** A text ready to show, with the key it came from (useful in tests and transcripts). */
export interface RenderedText {
  key: string;
  text: string;
}

/** What the customer is asked. `yesno` prompts carry the choices `yes` and `no`. */
export interface FlowPrompt {
  flowId: string;
  nodeId: string;
  text: RenderedText;
  kind: 'choice' | 'yesno' | 'text';
  /** Label in the state's language plus every language, for buttons and for matching typed answers. */
  /** `unknown`: the "I don't know" choice (a flow's `"unknown": true`). */
  choices: Array<{ id: string; label: string; labels: Localized; unknown?: true }>;
  /** Fact a text or yes/no answer is stored into. */
  setsFact?: string;
  /** "Does it work now?" after a fix (a `resolution` node): its yes resolves the case. */
  resolution?: true;
}

/** How a flow finished. */
export type FlowOutcome =
  | { kind: 'resolved' }
  | { kind: 'handoff'; reason: string; text: RenderedText }
  | { kind: 'end'; text?: RenderedText };

/** The input answering the pending prompt. */
/** An answer to a prompt: a choice, typed text, yes/no, or "I don't know" (`unknown`) to a yes/no question. */
export type FlowInput = { choice: string } | { text: string } | { yes: boolean } | { unknown: true };

/**
 * - `invalid_input`: the input did not answer the prompt; the same prompt is returned.
 * - `continued_on_new_version`: the state's knowledge version is gone; the pending node still existed.
 * - `restarted`: the state's version is gone and its node too; the flow started again from the top.
 * - `flow_removed`: the flow no longer exists in the knowledge base; the flow ended.
 */
export type FlowNotice = 'invalid_input' | 'continued_on_new_version' | 'restarted' | 'flow_removed';

/** The result of starting or advancing a flow. Exactly one of `prompt` / `outcome` is set. */
export interface FlowStep {
  state: FlowState;
  /** Instruction texts to show, in order, before the prompt or outcome. */
  messages: RenderedText[];
  prompt?: FlowPrompt;
  outcome?: FlowOutcome;
  /** The whole trail so far (same as `state.trail`). */
  trail: TrailEntry[];
  /** Facts learned from the customer in this step. */
  learned: Record<string, FactValue>;
  notice?: FlowNotice;
}
