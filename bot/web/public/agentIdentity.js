// How a person from operations appears in the customer's Web Chat: relayed activities carry
// `from: { id: 'agent:<id>', name }` and `channelData.firstline.kind === 'agent'` (see the `console`
// contract); they get the agent's initials as avatar and the agent's name next to the time.

const REACT_ELEMENT = Symbol.for('react.element');

/**
 * A React element without React: the Web Chat bundle keeps its React (16.8) private, and a middleware only
 * has to return elements. A browser test checks that Web Chat renders these.
 */
function h(type, props, ...children) {
  const content = children.filter((c) => c !== null && c !== undefined && c !== false);
  return {
    $$typeof: REACT_ELEMENT,
    type,
    key: null,
    ref: null,
    props: { ...props, children: content.length <= 1 ? content[0] : content },
    _owner: null,
  };
}

/** The agent behind a relayed activity, or null for the bot's own messages. */
export function agentOf(activity) {
  const from = (activity && activity.from) || {};
  const marker = activity && activity.channelData && activity.channelData.firstline;
  const isAgent =
    (marker && marker.kind === 'agent') || (typeof from.id === 'string' && from.id.startsWith('agent:'));
  if (!isAgent || from.role === 'user') return null;
  const name = (marker && marker.agentName) || from.name || 'Operations';
  return { name };
}

/** "Alex Agent" → "AA", "María" → "MA". */
export function initialsOf(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : String(name).slice(0, 2);
  return letters.toUpperCase();
}

/** Who speaks an activity: the user, the bot, or one particular agent. */
function speakerOf(activity) {
  const agent = agentOf(activity);
  return agent ? `agent:${agent.name}` : (activity.from && activity.from.role) || '';
}

/** Splits a run of activities wherever the speaker changes. */
function splitBySpeaker(group) {
  const runs = [];
  for (const activity of group) {
    const last = runs[runs.length - 1];
    if (last && speakerOf(last[0]) === speakerOf(activity)) last.push(activity);
    else runs.push([activity]);
  }
  return runs;
}

/** Web Chat props that show relayed agent activities under the agent's own name and initials. */
export function agentIdentityProps() {
  return {
    // Web Chat groups by role only, so an agent's message would join the bot's group (one avatar for both).
    groupActivitiesMiddleware: () => (next) => (args) => {
      const groups = next(args);
      return groups && groups.sender ? { ...groups, sender: groups.sender.flatMap(splitBySpeaker) } : groups;
    },
    avatarMiddleware: () => (next) => (args) => {
      const agent = !args.fromUser && agentOf(args.activity);
      if (!agent) return next(args);
      return () =>
        h(
          'div',
          { className: 'fl-agent-avatar', title: agent.name, 'aria-hidden': 'true' },
          initialsOf(agent.name),
        );
    },
    activityStatusMiddleware: () => (next) => (args) => {
      const agent = agentOf(args.activity);
      const status = next(args);
      if (!agent) return status;
      return h(
        'span',
        { className: 'fl-agent-status' },
        h('span', { className: 'fl-agent-name' }, agent.name),
        status ? ' · ' : null,
        status || null,
      );
    },
  };
}
