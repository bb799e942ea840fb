// Portal node ids are paths under the system provider, so the same BroadWorks ids on two
// platforms never collide (seed §1.1: login ID + server host is the globally unique key).
import type { NodeId } from './hierarchy.ts';

export const providerNodeId = (systemId: NodeId, kind: 'serviceProvider' | 'enterprise', providerId: string): NodeId =>
  `${systemId}/${kind === 'enterprise' ? 'ent' : 'sp'}:${providerId}`;
export const resellerNodeId = (systemId: NodeId, resellerId: string): NodeId => `${systemId}/reseller:${resellerId}`;
export const groupNodeId = (providerNode: NodeId, groupId: string): NodeId => `${providerNode}/group:${groupId}`;
export const userNodeId = (systemId: NodeId, identity: string): NodeId => `${systemId}/user:${identity.toLowerCase()}`;
