// Protocol selection (seed §3, §4): which endpoints and call-control protocol a release and the
// portal's branding lead to. Pure: no I/O.
//   npx tsx examples/select-protocols.ts
import { selectProtocols } from 'unity-connect';

for (const release of ['20.0', '21.sp1', '22.0']) {
  const plan = selectProtocols({
    release,
    ociHost: 'ocs.example.com',
    branding: {
      voipServerPort: 2208,
      useCtiInsteadOfCap: true, // consulted on R21 only
      cti: { host: 'cti.example.com', port: 8011, tls: { enabled: true, port: 8012, securityProtocol: 'TLSv1.2' } },
    },
  });
  if (!plan.ok) console.log(`${release}: ${plan.code}: ${plan.message}`);
  else console.log(`${release}: ${plan.callControl}; OCI ${plan.oci.host}:${plan.oci.port}; CTI ${plan.cti ? `${plan.cti.host}:${plan.cti.port} ${plan.cti.tls?.version ?? 'plain'}` : '-'}`);
}
