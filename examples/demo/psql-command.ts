/** A psql line for System C's table; the embedded server's password is the demo's own, a server of yours keeps its secret. */
export function psqlCommand(url: string, embedded: boolean): string {
  const u = new URL(url);
  const password = embedded ? `PGPASSWORD=${decodeURIComponent(u.password)} ` : '';
  const database = decodeURIComponent(u.pathname.slice(1));
  const user = decodeURIComponent(u.username) || 'postgres';
  const line = `${password}psql -h ${u.hostname} -p ${u.port || '5432'} -U ${user} -d ${database} -c 'TABLE stock_items'`;
  return embedded || !u.password ? line : `${line}   (with the password of DATABASE_URL)`;
}
