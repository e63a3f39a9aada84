// The embedded SFTP server's default login, defined once. `ns-local sftp serve`, `ns-local sftp config`, the
// demo environment (npm start, integration tests, benchmarks) and the runtime's own SFTP tests all use these.
// A local test login only: never a production credential (production passwords live in NetSuite API Secrets).
export const EMBEDDED_SFTP_USER = 'hotwax';
export const EMBEDDED_SFTP_PASSWORD = 'hotwax-local-password';
