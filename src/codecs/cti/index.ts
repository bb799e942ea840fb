export { CTI_NS, CTI_COMMANDS, CTI_COMMAND_NAMES, isCtiCommandName, substituteUri as ctiSubstituteUri, paramsFromUri as ctiParamsFromUri } from './commands.ts';
export type { CtiCommandName, CtiMethod } from './commands.ts';
export { XSP_NS, CTI_MESSAGE_VERSIONS, DEFAULT_CTI_COMMAND_VERSION, decodeCtiElement } from './messages.ts';
export type {
  CtiAuth,
  CtiCommand,
  CtiRequest,
  CtiResponse,
  CtiEvent,
  CtiEventResponse,
  CtiKeepalive,
  CtiKeepaliveResponse,
  CtiMessage,
  CtiMessageKind,
} from './messages.ts';
export { encodeCtiMessage, decodeCtiMessage, createCtiStreamDecoder } from './stream.ts';
export type { CtiStreamDecoder, CtiStreamLimits } from './stream.ts';
export { basicCredentials, parseBasicCredentials } from './credentials.ts';
