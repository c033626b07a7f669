package dev.tide.scaler.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.clients.SharedClients;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code postgresql} or {@code mysql} trigger: runs its query on a connection of the shared pool at every read,
 * under the trigger's timeout, and is active while the value is above the activation value (KEDA's
 * {@code GetMetricsAndActivity}). A read that fails, times out or gives no number throws with KEDA's prefix.
 */
final class SqlScaler implements Scaler {

    private static final Logger log = LoggerFactory.getLogger(SqlScaler.class);

    private final SqlTrigger trigger;
    private final SharedClients.Lease<HikariDataSource> pool;

    SqlScaler(SqlTrigger trigger, SharedClients.Lease<HikariDataSource> pool) {
        this.trigger = trigger;
        this.pool = pool;
    }

    @Override
    public List<MetricSpec> metricSpecs() {
        return List.of(trigger.metricSpec());
    }

    @Override
    public ScalerSample sample(String metricName) {
        double value = read();
        log.debug("{}: query {} = {}", trigger.label(), trigger.query(), value);
        return ScalerSample.of(MetricValue.of(metricName, value), value > trigger.activation());
    }

    /** KEDA's {@code getActiveNumber} / {@code getQueryResult}. */
    double read() {
        try (Connection connection = pool.client().getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds());
            try (ResultSet result = statement.executeQuery(trigger.query())) {
                return SingleNumber.of(result);
            }
        } catch (SQLException e) {
            throw new ScalerException(trigger.label() + ": " + trigger.dialect().readFailure() + ": " + describe(e), e);
        } catch (SingleNumber.NotANumber e) {
            throw new ScalerException(trigger.label() + ": " + trigger.dialect().readFailure() + ": " + e.getMessage());
        }
    }

    /** Connects through the pool and asks the server whether the connection works (KEDA's {@code db.Ping()}). */
    void ping() {
        try (Connection connection = pool.client().getConnection()) {
            if (!connection.isValid(timeoutSeconds())) {
                throw new SQLException("the server did not answer a ping within " + trigger.timeout());
            }
        } catch (SQLException e) {
            throw new ScalerException(trigger.label() + ": " + trigger.dialect().connectFailure() + ": " + describe(e), e);
        }
    }

    /** JDBC counts whole seconds: the trigger's timeout, rounded up, at least one. */
    private int timeoutSeconds() {
        return (int) Math.max(1, (trigger.timeout().toMillis() + 999) / 1000);
    }

    /**
     * The exception's message and its causes' (the pool's "not available" names the driver's reason only as a cause).
     * Neither driver puts the password in a message: it is never in the URL.
     */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "SqlScaler[" + trigger.label() + ", query=" + trigger.query() + "]";
    }
}
