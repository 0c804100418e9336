package dev.kforge.tgr.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages, for the errors Jetty answers itself before Javalin sees the request (an unparsable
 * request line or header, a URI that is too long): JSON instead of HTML, without stack traces.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** How Jetty's parser starts its reason for a byte HTTP does not allow where it found it. */
    private static final String ILLEGAL_CHARACTER = "Illegal character ";

    /**
     * Jetty's 400 without a reason of its own: its parser wraps whatever decoding the target threw (a '%' not followed
     * by two hex digits, a '..' above the root, %00, bytes that are not UTF-8, a target without its leading '/').
     */
    static final String UNDECODABLE_TARGET = "the request target is not a valid URI: it must start with '/', not go "
            + "above it with '..', and be UTF-8 with each '%' followed by two hex digits (%25 for '%' itself) and no %00";

    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = Json.error(text(code, message)).getBytes(StandardCharsets.UTF_8);
        response.setContentType(Json.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
        return ByteBuffer.wrap(Json.error(text(status, reason)).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        boolean noDetail = message == null || message.isBlank() || message.equals(reason);
        if (noDetail && code == HttpStatus.BAD_REQUEST_400) {
            return reason + ": " + UNDECODABLE_TARGET;
        }
        if (noDetail) {
            return reason;
        }
        // Jetty does not say whether the character was in the request line or in a header.
        String hint = message.startsWith(ILLEGAL_CHARACTER) ? "; in the URL, percent-encode it (a space is %20 or +)" : "";
        return reason + ": " + message + hint;
    }
}
