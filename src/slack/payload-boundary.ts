// What a Slack request body must look like before Bolt routes it, and the text clean-up every
// string in it gets. Slack never sends anything else; a forged, fuzzed or corrupted body that is
// signed (or arrives over the socket) is refused here instead of failing deep inside Bolt or a
// listener. Both checks are pure, so the HTTP receiver (which answers 400) and the processEvent
// guard (which acknowledges and ignores, as Socket Mode must) share them.

/** Deeper than any payload Slack sends (rich text and view state stay within a dozen levels). */
const MAX_DEPTH = 48;

// Control characters other than tab, newline and carriage return carry no meaning in what people
// type; NUL in particular cannot be stored in PostgreSQL text. They never reach a listener.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isId = (value: unknown) => isString(value) && value.length > 0 && value.length <= 255;

/** A string as a listener may see it: control characters removed, lone surrogates replaced. */
export function cleanString(value: string): string {
  return value.replace(CONTROL_CHARACTERS, "").toWellFormed();
}

/** A copy of `value` with every string (keys included) cleaned. Call after envelopeProblem (depth is bounded). */
export function cleanPayload(value: unknown): unknown {
  if (isString(value)) return cleanString(value);
  if (Array.isArray(value)) return value.map(cleanPayload);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanString(key), cleanPayload(item)]));
  return value;
}

function tooDeep(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item) => tooDeep(item, depth + 1));
  if (isRecord(value)) return Object.values(value).some((item) => tooDeep(item, depth + 1));
  return false;
}

/** A user object as interactive payloads carry it. */
const badUser = (user: unknown) => !isRecord(user) || !isId(user.id);

/**
 * Why `body` is not a Slack payload the app can route, or null when it is. Only the shape Bolt and
 * the listeners rely on is checked (the listeners parse their own fields with zod).
 */
export function envelopeProblem(body: unknown): string | null {
  if (!isRecord(body)) return "the body is not an object";
  if (tooDeep(body, 0)) return "the body is nested too deeply";
  for (const field of ["type", "command", "callback_id", "trigger_id", "user_id", "channel_id", "text", "response_url", "api_app_id", "team_id"]) {
    if (body[field] !== undefined && !isString(body[field])) return `${field} is not a string`;
  }
  for (const field of ["team", "channel", "enterprise", "container", "message", "state"]) {
    if (body[field] !== undefined && body[field] !== null && !isRecord(body[field])) return `${field} is not an object`;
  }
  if (body.user !== undefined && badUser(body.user)) return "user is not a user";
  if (isRecord(body.channel) && body.channel.id !== undefined && !isString(body.channel.id)) return "channel.id is not a string";
  if (isRecord(body.team) && body.team.id !== undefined && !isString(body.team.id)) return "team.id is not a string";
  if (body.event !== undefined) {
    if (!isRecord(body.event) || !isString(body.event.type)) return "event has no type";
    if (isRecord(body.event.item) && body.event.item.channel !== undefined && !isString(body.event.item.channel)) return "event.item.channel is not a string";
  }
  if (body.command !== undefined && (!isId(body.user_id) || !isString(body.trigger_id))) return "a command without its user or trigger";
  if (body.actions !== undefined || body.type === "block_actions") {
    if (!Array.isArray(body.actions) || body.actions.length === 0) return "actions is not a list of actions";
    for (const action of body.actions) {
      if (!isRecord(action) || !isString(action.action_id)) return "an action has no action_id";
      for (const field of ["block_id", "action_ts", "value", "type"]) {
        if (action[field] !== undefined && !isString(action[field])) return `an action's ${field} is not a string`;
      }
      if (action.selected_option !== undefined && action.selected_option !== null && (!isRecord(action.selected_option) || !isString(action.selected_option.value))) {
        return "an action's selected_option has no value";
      }
    }
    if (badUser(body.user)) return "an action without its user";
  }
  if (body.type === "view_submission" || body.type === "view_closed" || body.view !== undefined) {
    const view = body.view;
    if (!isRecord(view) || !isString(view.callback_id) || !isString(view.id)) return "view has no id or callback_id";
    for (const field of ["private_metadata", "hash", "root_view_id", "external_id"]) {
      if (view[field] !== undefined && view[field] !== null && !isString(view[field])) return `view.${field} is not a string`;
    }
    if (view.state !== undefined && (!isRecord(view.state) || (view.state.values !== undefined && !isRecord(view.state.values)))) return "view.state is not a form state";
    if (body.type === "view_submission" && badUser(body.user)) return "a submission without its user";
  }
  if ((body.type === "shortcut" || body.type === "message_action") && (!isString(body.callback_id) || badUser(body.user) || !isString(body.trigger_id))) {
    return "a shortcut without its callback, user or trigger";
  }
  if (body.type === "message_action" && (!isRecord(body.message) || !isRecord(body.channel))) return "a message shortcut without its message or channel";
  if (body.response_urls !== undefined && (!Array.isArray(body.response_urls) || body.response_urls.some((entry) => !isRecord(entry) || !isString(entry.response_url)))) {
    return "response_urls is not a list of URLs";
  }
  return null;
}
