package dev.kforge.tgr;

import dev.kforge.tgr.config.AppConfig;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * The one line an operator reads when the server cannot listen: the address, the underlying cause (Javalin calls
 * every failure to bind "Port already in use", even a HOST that is not an address of this machine), and, when the
 * cause is a known one, which variable to change.
 */
final class ListenFailure {

    private static final String ANY_ADDRESS_FIX = "or to 0.0.0.0 for all of them";

    private ListenFailure() {
    }

    static String describe(AppConfig config, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String address = "Cannot listen on " + config.host() + ":" + config.port() + ": ";
        String host = TgrContract.ENV_HOST + "=\"" + config.host() + "\"";
        if (cause instanceof UnresolvedAddressException) {
            return address + host + " does not resolve to an address: set " + TgrContract.ENV_HOST
                    + " to an address of this machine, " + ANY_ADDRESS_FIX;
        }
        String why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (cause instanceof BindException && message.contains("already in use")) {
            return address + why + ". Another process listens on port " + config.port() + ": stop it, or set "
                    + TgrContract.ENV_PORT + " to a free port";
        }
        if (cause instanceof BindException && message.contains("assign requested address")) {
            return address + why + ". " + host + " is not an address of this machine: set " + TgrContract.ENV_HOST
                    + " to one of its addresses, " + ANY_ADDRESS_FIX;
        }
        return address + why;
    }
}
