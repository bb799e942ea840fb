import type { XmlElement } from '../xml/index.ts';
import type { CapMessage } from './types.ts';

/** Encodes the content of `<commandData>` and decodes it back. Decoders throw CodecError (wrapped by the document decoder). */
export interface CapMessageCodec<M extends CapMessage> {
  encode(message: M): string;
  decode(commandData: XmlElement): M;
}
