import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate's PEM file, for `NODE_EXTRA_CA_CERTS` (what Lambda points at RDS's CAs). */
  certFile: string;
  remove(): void;
}

/** A self-signed certificate for 127.0.0.1, made with the openssl CLI (Node can parse certificates, not issue them). */
export function selfSignedCertificate(): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'artifact-test-tls-'));
  const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=artifact-test-postgres',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { stdio: 'pipe' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
