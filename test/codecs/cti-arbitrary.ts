// Test helper: fast-check arbitraries of CTI messages as the schema allows them (every message kind,
// every CTI request element with its declared parameters and required payload), for round trips
// and for the conformance property over our encoders.
import fc from 'fast-check';
import { CTI_COMMANDS, CTI_COMMAND_NAMES, placeholders, type CtiCommandName, type CtiParamType } from '../../src/codecs/cti/commands.ts';
import type { CtiCommand, CtiMessage } from '../../src/codecs/cti/messages.ts';
import { XSI_BODY_CODECS } from '../../src/codecs/xsi/bodies.ts';
import { arbitraryFor, eventArb, xmlText, xmlToken, xsiBodyArb, xsiDocumentArb } from './xsi-arbitrary.ts';

/** The parameters a request of `name` cannot do without: the schema's required ones and those its uri path needs. */
const neededParams = (name: CtiCommandName): string[] => [...new Set([...CTI_COMMANDS[name].params.filter((p) => p.required).map((p) => p.name), ...placeholders(name).path])];
/** A value of a parameter's declared simple type. */
const paramValueArb = (type: CtiParamType): fc.Arbitrary<string> =>
  type === 'string' ? xmlText : type === 'nonEmpty' ? xmlText.filter((s) => s !== '') : type === 'boolean' ? fc.constantFrom('true', 'false') : type === 'token' ? xmlToken() : fc.constantFrom(...type);
/** Parameters under the element's schema names: the needed ones always, the optional ones sometimes. */
const paramsArb = (name: CtiCommandName) => {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of CTI_COMMANDS[name].params) model[p.name] = paramValueArb(p.type);
  return fc.record(model, { requiredKeys: neededParams(name) });
};

/** A command as the schema allows it: its parameters, and the payload body its element requires (or none). */
const commandArb: fc.Arbitrary<CtiCommand> = fc.constantFrom(...CTI_COMMAND_NAMES).chain((name) => {
  const body = CTI_COMMANDS[name].payload;
  return fc.record(
    { name: fc.constant(name), params: paramsArb(name), version: fc.constantFrom('22.0', '17.0'), ...(body !== null ? { payload: xsiBodyArb(body) } : {}) },
    { requiredKeys: ['name', 'params', 'version', ...(body !== null ? ['payload' as const] : [])] },
  ) as fc.Arbitrary<CtiCommand>;
});
/** A minimal valid command of `name` (required parameters, the required payload). */
export function minimalCommand(name: CtiCommandName): CtiCommand {
  const params: Record<string, string> = {};
  for (const p of neededParams(name)) params[p] = 'v';
  const body = CTI_COMMANDS[name].payload;
  return { name, params, ...(body !== null ? { payload: { root: body, body: {} } as CtiCommand['payload'] } : {}) };
}
const versionArb = fc.constantFrom('17.0', '18.0', '17.sp4');
const id = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
const base64 = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((b) => Buffer.from(b).toString('base64'));
const authArb = fc.oneof(
  base64.map((credentials) => ({ credentials })),
  base64.map((ssoCredentials) => ({ ssoCredentials })),
  id.map((t) => ({ authorization: `Bearer ${t}` })),
);

export const ctiMessageArb: fc.Arbitrary<CtiMessage> = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), version: versionArb, requestId: id, sessionId: id, auth: authArb, command: commandArb }),
  fc.record(
    {
      kind: fc.constant('response' as const),
      version: versionArb,
      requestId: id,
      sessionId: id,
      statusCode: fc.constantFrom(200, 201, 400, 401, 403, 404),
      reason: fc.oneof(fc.constant(''), xmlToken()),
      payload: xsiDocumentArb,
    },
    { requiredKeys: ['kind', 'version', 'requestId', 'sessionId', 'statusCode', 'reason'] },
  ),
  fc.record({ kind: fc.constant('event' as const), version: versionArb, requestId: id, event: eventArb }),
  fc.record({
    kind: fc.constant('eventResponse' as const),
    version: versionArb,
    requestId: id,
    eventResponse: arbitraryFor(XSI_BODY_CODECS.EventResponse.shape) as fc.Arbitrary<{ eventID: string; statusCode: number; reason: string }>,
  }),
  fc.record({ kind: fc.constant('keepalive' as const), version: versionArb, requestId: id, period: fc.integer({ min: 1, max: 3600 }) }),
  fc.record({ kind: fc.constant('keepaliveResponse' as const), version: versionArb, requestId: id }),
);

