import { ConfigError, loadConfig } from './config';

const KEY = Buffer.alloc(32, 1).toString('base64');
const PUBLIC_URL = 'https://medledger.example.org';

function issuesOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.issues.map((issue) => issue.variable);
    }
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('when nothing is set, then development defaults apply: localhost:3000, dev IdP on, generated master key, embedded ledger', () => {
    const config = loadConfig({});

    expect(config.mode).toBe('development');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000, publicUrl: 'http://localhost:3000', trustProxy: false });
    expect(config.devIdp).toBe(true);
    expect(config.masterKey).toEqual({ kind: 'generated', path: '.data/master.key' });
    expect(config.databaseFile).toBe('.data/gateway.sqlite');
    expect(config.sessions).toEqual({ idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000, freshMs: 5 * 60_000, cookieSecure: false });
    expect(config.fabric).toBeUndefined();
  });

  it('when the configuration is loaded, then it is frozen all the way down', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.sessions as { idleMs: number }).idleMs = 1;
    }).toThrow(TypeError);
  });

  it('when several variables are bad, then one error names each of them', () => {
    const attempt = () => loadConfig({ MEDLEDGER_MODE: 'staging', MEDLEDGER_PORT: 'eighty', MEDLEDGER_SESSION_IDLE_MINUTES: '0', MEDLEDGER_MASTER_KEY: 'short' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/MEDLEDGER_MODE[\s\S]*MEDLEDGER_PORT[\s\S]*MEDLEDGER_MASTER_KEY[\s\S]*MEDLEDGER_SESSION_IDLE_MINUTES/);
  });

  it('when production is misconfigured and a value is malformed too, then every problem is listed at once', () => {
    expect(issuesOf({ MEDLEDGER_MODE: 'production', MEDLEDGER_PORT: 'x', MEDLEDGER_DEV_IDP: 'on' }).sort()).toEqual(['MEDLEDGER_DEV_IDP', 'MEDLEDGER_MASTER_KEY_FILE', 'MEDLEDGER_PORT', 'MEDLEDGER_PUBLIC_URL', 'MEDLEDGER_TRUST_PROXY']);
  });

  it('when production has no master key, then start-up is refused naming MEDLEDGER_MASTER_KEY_FILE', () => {
    expect(issuesOf({ MEDLEDGER_MODE: 'production', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_TRUST_PROXY: '1' })).toEqual(['MEDLEDGER_MASTER_KEY_FILE']);
  });

  it('when production asks for the dev IdP, then start-up is refused', () => {
    expect(issuesOf({ MEDLEDGER_MODE: 'production', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_TRUST_PROXY: '1', MEDLEDGER_DEV_IDP: 'on' })).toEqual(['MEDLEDGER_DEV_IDP']);
  });

  it('when production has neither TLS nor a trusted proxy, then start-up is refused because cookies could not be secure', () => {
    expect(issuesOf({ MEDLEDGER_MODE: 'production', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_MASTER_KEY: KEY })).toEqual(['MEDLEDGER_TRUST_PROXY']);
  });

  it('when production is fully configured behind a proxy, then cookies are secure and the dev IdP is off', () => {
    const config = loadConfig({ MEDLEDGER_MODE: 'production', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_MASTER_KEY_FILE: '/run/secrets/master.key', MEDLEDGER_TRUST_PROXY: '1' });

    expect(config).toMatchObject({ devIdp: false, masterKey: { kind: 'unseal', source: { kind: 'key-file', path: '/run/secrets/master.key' } }, http: { host: '0.0.0.0', trustProxy: 1 } });
    expect(config.saml.idp).toEqual({ kind: 'none' });
    expect(config.sessions.cookieSecure).toBe(true);
  });

  describe('the development IdP and the listening address', () => {
    it.each(['0.0.0.0', '::', '10.1.2.3', 'gateway.example.org', '128.0.0.1'])('when the dev IdP would be on by default and MEDLEDGER_HOST is %s, then start-up is refused naming the variables', (host) => {
      const attempt = () => loadConfig({ MEDLEDGER_HOST: host });

      expect(issuesOf({ MEDLEDGER_HOST: host })).toEqual(['MEDLEDGER_HOST']);
      expect(attempt).toThrow(/MEDLEDGER_HOST[\s\S]*MEDLEDGER_DEV_IDP[\s\S]*MEDLEDGER_MODE/);
    });

    it('when the dev IdP is asked for explicitly on every interface, then start-up is refused', () => {
      expect(issuesOf({ MEDLEDGER_MODE: 'development', MEDLEDGER_DEV_IDP: 'on', MEDLEDGER_HOST: '0.0.0.0' })).toEqual(['MEDLEDGER_HOST']);
    });

    it.each(['127.0.0.1', '127.10.0.5', '::1', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])('when MEDLEDGER_HOST is the loopback address %s, then the dev IdP starts', (host) => {
      const config = loadConfig({ MEDLEDGER_HOST: host });

      expect(config.devIdp).toBe(true);
      expect(config.http.host).toBe(host);
    });

    it('when the dev IdP is off (explicitly, by a real IdP or in production), then any MEDLEDGER_HOST is accepted', () => {
      expect(loadConfig({ MEDLEDGER_HOST: '0.0.0.0', MEDLEDGER_DEV_IDP: 'off' }).http.host).toBe('0.0.0.0');
      expect(loadConfig({ MEDLEDGER_HOST: '0.0.0.0', MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml' }).devIdp).toBe(false);
      expect(loadConfig({ MEDLEDGER_MODE: 'production', MEDLEDGER_HOST: '0.0.0.0', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_TRUST_PROXY: '1' }).devIdp).toBe(false);
    });
  });

  describe('production URL and role mapping', () => {
    const production = { MEDLEDGER_MODE: 'production', MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_TRUST_PROXY: '1' };

    it('when production has no public URL, then start-up is refused naming MEDLEDGER_PUBLIC_URL', () => {
      expect(issuesOf(production)).toEqual(['MEDLEDGER_PUBLIC_URL']);
    });

    it('when production has an http public URL, then start-up is refused', () => {
      expect(issuesOf({ ...production, MEDLEDGER_PUBLIC_URL: 'http://medledger.example.org' })).toEqual(['MEDLEDGER_PUBLIC_URL']);
    });

    it('when production has an https public URL, then it is used', () => {
      expect(loadConfig({ ...production, MEDLEDGER_PUBLIC_URL: `${PUBLIC_URL}/` }).http.publicUrl).toBe(PUBLIC_URL);
    });

    it('when production has a SAML IdP but no explicit role mapping, then start-up is refused naming MEDLEDGER_SAML_ROLE_MAPPING', () => {
      const attempt = () => loadConfig({ ...production, MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml' });

      expect(attempt).toThrow(ConfigError);
      expect(issuesOf({ ...production, MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml' })).toEqual(['MEDLEDGER_SAML_ROLE_MAPPING']);
    });

    it('when production has a SAML IdP and an explicit role mapping, then that mapping is all there is', () => {
      const config = loadConfig({ ...production, MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml', MEDLEDGER_SAML_ROLE_MAPPING: 'Physician=doctor' });

      expect(config.saml.roleMapping).toEqual({ Physician: 'doctor' });
    });
  });

  it('when development turns the dev IdP off, then it is off', () => {
    expect(loadConfig({ MEDLEDGER_DEV_IDP: 'off' }).devIdp).toBe(false);
  });

  it('when nothing about SAML is set in development, then people sign in at the dev IdP with MedLedger role names mapped to themselves', () => {
    const { saml } = loadConfig({});

    expect(saml).toMatchObject({ idp: { kind: 'dev' }, spEntityId: 'http://localhost:3000/auth/saml/metadata', roleAttribute: 'urn:medledger:role', clockSkewMs: 60_000, maxAssertionAgeMs: 300_000 });
    expect(saml.roleMapping).toMatchObject({ patient: 'patient', admin: 'admin' });
  });

  it('when an IdP metadata file and a role mapping are given, then they are used and the dev IdP stays off', () => {
    const config = loadConfig({ MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml', MEDLEDGER_SAML_ROLE_MAPPING: 'Physician=doctor, Patient=patient' });

    expect(config.devIdp).toBe(false);
    expect(config.saml.idp).toEqual({ kind: 'metadata', file: 'idp.xml' });
    expect(config.saml.roleMapping).toEqual({ Physician: 'doctor', Patient: 'patient' });
  });

  it('when the role mapping names an unknown role, or both IdPs are asked for, then start-up is refused', () => {
    expect(issuesOf({ MEDLEDGER_SAML_ROLE_MAPPING: 'Boss=superuser' })).toEqual(['MEDLEDGER_SAML_ROLE_MAPPING']);
    expect(issuesOf({ MEDLEDGER_DEV_IDP: 'on', MEDLEDGER_SAML_IDP_METADATA_FILE: 'idp.xml' })).toEqual(['MEDLEDGER_DEV_IDP']);
  });

  it('when unseal shares are given without a key-check value, then start-up is refused', () => {
    expect(issuesOf({ MEDLEDGER_UNSEAL_SHARES: 'a b' })).toEqual(['MEDLEDGER_MASTER_KEY_CHECK']);
  });

  it('when production unseals from shares, then that counts as a master key', () => {
    const config = loadConfig({ MEDLEDGER_MODE: 'production', MEDLEDGER_PUBLIC_URL: PUBLIC_URL, MEDLEDGER_TRUST_PROXY: 'loopback', MEDLEDGER_UNSEAL_SHARE_FILES: '/s/a,/s/b', MEDLEDGER_MASTER_KEY_CHECK: `kcv1:${'A'.repeat(43)}` });

    expect(config.masterKey).toMatchObject({ kind: 'unseal', source: { kind: 'shamir', shareFiles: ['/s/a', '/s/b'] } });
  });

  it('when only one of the TLS files is given, then start-up is refused', () => {
    expect(issuesOf({ MEDLEDGER_TLS_CERT_FILE: 'cert.pem' })).toEqual(['MEDLEDGER_TLS_CERT_FILE']);
  });

  it('when both a master key and a key file are given, then start-up is refused', () => {
    expect(issuesOf({ MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_MASTER_KEY_FILE: 'k' })).toEqual(['MEDLEDGER_MASTER_KEY']);
    expect(issuesOf({ MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_UNSEAL_SHARES: 'a', MEDLEDGER_MASTER_KEY_CHECK: `kcv1:${'A'.repeat(43)}` })).toEqual(['MEDLEDGER_MASTER_KEY']);
  });

  it('when the proxy setting would trust every proxy, then it is refused', () => {
    expect(issuesOf({ MEDLEDGER_TRUST_PROXY: 'true' })).toEqual(['MEDLEDGER_TRUST_PROXY']);
  });

  it('when TLS is configured, then the public URL is https and cookies are secure', () => {
    const config = loadConfig({ MEDLEDGER_TLS_CERT_FILE: 'cert.pem', MEDLEDGER_TLS_KEY_FILE: 'key.pem', MEDLEDGER_PORT: '8443' });

    expect(config.http.publicUrl).toBe('https://localhost:8443');
    expect(config.sessions.cookieSecure).toBe(true);
  });

  it('when the request log is not configured, then every request is logged and a slow one is 1 s or more', () => {
    expect(loadConfig({}).requestLog).toEqual({ sampleRate: 1, slowMs: 1000 });
  });

  it('when the request log sample rate and slow threshold are set, then they are used', () => {
    expect(loadConfig({ MEDLEDGER_REQUEST_LOG_SAMPLE: '0.05', MEDLEDGER_REQUEST_LOG_SLOW_MS: '250' }).requestLog).toEqual({ sampleRate: 0.05, slowMs: 250 });
    expect(loadConfig({ MEDLEDGER_REQUEST_LOG_SAMPLE: '0' }).requestLog.sampleRate).toBe(0);
  });

  it('when the request log sample rate is not a share between 0 and 1, then start-up is refused naming it', () => {
    for (const bad of ['1.5', '-0.1', 'half', '10%']) {
      expect(issuesOf({ MEDLEDGER_REQUEST_LOG_SAMPLE: bad })).toEqual(['MEDLEDGER_REQUEST_LOG_SAMPLE']);
    }
    expect(issuesOf({ MEDLEDGER_REQUEST_LOG_SLOW_MS: 'soon' })).toEqual(['MEDLEDGER_REQUEST_LOG_SLOW_MS']);
  });

  describe('PORT, the alias of MEDLEDGER_PORT', () => {
    it('when only PORT is set, then the gateway listens there and its default URL says so', () => {
      expect(loadConfig({ PORT: '8081' }).http).toMatchObject({ port: 8081, publicUrl: 'http://localhost:8081' });
    });

    it.each([
      ['8082', '8081'],
      ['0', '8081'],
    ])('when MEDLEDGER_PORT=%s and PORT=%s are both set, then MEDLEDGER_PORT wins', (ours, alias) => {
      expect(loadConfig({ MEDLEDGER_PORT: ours, PORT: alias }).http.port).toBe(Number(ours));
    });

    it('when PORT is empty, then it counts as unset and the default applies', () => {
      expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
    });

    it('when PORT is malformed, then start-up is refused naming PORT (not a variable the operator never set)', () => {
      expect(issuesOf({ PORT: 'eighty' })).toEqual(['PORT (read as MEDLEDGER_PORT)']);
      expect(issuesOf({ PORT: '70000' })).toEqual(['PORT (read as MEDLEDGER_PORT)']);
    });

    it('when MEDLEDGER_PORT is malformed and PORT is fine, then the issue names MEDLEDGER_PORT', () => {
      expect(issuesOf({ MEDLEDGER_PORT: 'eighty', PORT: '8081' })).toEqual(['MEDLEDGER_PORT']);
    });
  });

  it('when a variable is set to the empty string, then it counts as unset', () => {
    expect(loadConfig({ MEDLEDGER_PORT: '', MEDLEDGER_MASTER_KEY: '' }).http.port).toBe(3000);
  });

  it('when a Fabric variable is set but incomplete, then its missing variables join the same error', () => {
    const issues = issuesOf({ MEDLEDGER_MODE: 'staging', MEDLEDGER_FABRIC_PROVIDERS_PEER_ENDPOINT: 'peer0:7051' });

    expect(issues).toContain('MEDLEDGER_MODE');
    expect(issues).toContain('MEDLEDGER_FABRIC_PROVIDERS_PEER_TLS_CA_FILE');
  });

  describe('the store', () => {
    it('when MEDLEDGER_DATABASE_URL is unset, then the store is SQLite in the data directory', () => {
      expect(loadConfig({ MEDLEDGER_DATA_DIR: '/var/lib/medledger' })).toMatchObject({ databaseFile: '/var/lib/medledger/gateway.sqlite' });
      expect(loadConfig({}).databaseUrl).toBeUndefined();
    });

    it('when MEDLEDGER_DATABASE_URL is a PostgreSQL URL, then the store is PostgreSQL at that URL', () => {
      const url = 'postgresql://medledger:s3cret@db.internal:5432/medledger';

      expect(loadConfig({ MEDLEDGER_DATABASE_URL: url }).databaseUrl).toBe(url);
    });

    it.each(['mysql://medledger:s3cret@db.internal/medledger', 'postgresql://medledger:s3cret@ db.internal/medledger', 'db.internal:5432'])(
      'when MEDLEDGER_DATABASE_URL is %s, then start-up is refused without repeating the value (it may hold a password)',
      (url) => {
        const attempt = () => loadConfig({ MEDLEDGER_DATABASE_URL: url });

        expect(issuesOf({ MEDLEDGER_DATABASE_URL: url })).toEqual(['MEDLEDGER_DATABASE_URL']);
        expect(attempt).toThrow(/PostgreSQL URL/);
        expect(attempt).not.toThrow(/s3cret|db\.internal/);
      },
    );
  });
});
