// OCI and CAP share the OCS socket (cap.md §1, INFERRED): the root's `protocol` attribute tells them apart.
import { attr, type XmlElement } from '../xml/index.ts';

/**
 * @example
 * broadsoftProtocol(root); // 'OCI' or 'CAP' (the BroadsoftDocument's protocol attribute)
 */
export function broadsoftProtocol(root: XmlElement): 'OCI' | 'CAP' | undefined {
  if (root.name !== 'BroadsoftDocument') return undefined;
  const p = attr(root, 'protocol');
  return p === 'OCI' || p === 'NSOCI' ? 'OCI' : p === 'CAP' ? 'CAP' : undefined;
}
