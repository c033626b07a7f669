/**
 * Trigger types {@code postgresql} and {@code mysql}: the number one SQL query returns, as KEDA's postgresql and mysql
 * scalers read it. Both types share one core ({@link dev.tide.scaler.sql.SqlScaler}, {@link dev.tide.scaler.sql.SqlPools},
 * {@link dev.tide.scaler.sql.SingleNumber}); each has its own parameters and connection-string parser. Connections come
 * from one small HikariCP pool per database and credential, read-only, and every query runs under the trigger's
 * timeout. {@code docs/compatibility.md} lists what differs from KEDA.
 */
package dev.tide.scaler.sql;
