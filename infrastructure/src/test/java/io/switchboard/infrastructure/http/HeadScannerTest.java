package io.switchboard.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadScannerTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static int scanWhole(String text) {
        ByteBuf buffer = bytes(text);
        return new HeadScanner().scan(buffer, 0, buffer.writerIndex());
    }

    @Test
    void aHeadWithoutFoldsEndsAfterItsBlankLine() {
        String head = "POST /x HTTP/1.1\r\nHost: h\r\nX-Spaced: a b\tc\r\n\r\n";

        assertThat(scanWhole(head + "{\"body\": \"\\r\\n folded-looking\"}")).isEqualTo(head.length());
    }

    @Test
    void aLineStartingWithSpaceOrTabIsAFold() {
        assertThat(scanWhole("GET / HTTP/1.1\r\nX-A: 1\r\n more\r\n\r\n")).isEqualTo(HeadScanner.FOLDED);
        assertThat(scanWhole("GET / HTTP/1.1\r\nX-A: 1\r\n\tmore\r\n\r\n")).isEqualTo(HeadScanner.FOLDED);
        assertThat(scanWhole("GET / HTTP/1.1\r\n Host: h\r\n\r\n")).as("right after the request line")
                .isEqualTo(HeadScanner.FOLDED);
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkippedAsNettyDoes() {
        String head = "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n";

        assertThat(scanWhole(head)).isEqualTo(head.length());
    }

    @Test
    void aHeadArrivingByteByByteIsScannedOnceAndTheFoldFound() {
        String head = "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n";
        ByteBuf buffer = bytes(head);
        HeadScanner scanner = new HeadScanner();
        int result = HeadScanner.MORE;
        for (int i = 0; i < head.length() && result == HeadScanner.MORE; i++) {
            result = scanner.scan(buffer, i, i + 1);
        }
        assertThat(result).isEqualTo(HeadScanner.FOLDED);
    }

    @Test
    void anUnfinishedHeadAsksForMoreAndAResetStartsTheNextHead() {
        HeadScanner scanner = new HeadScanner();
        ByteBuf first = bytes("GET / HTTP/1.1\r\nHost: h\r\n");
        assertThat(scanner.scan(first, 0, first.writerIndex())).isEqualTo(HeadScanner.MORE);
        ByteBuf rest = bytes("\r\n");
        assertThat(scanner.scan(rest, 0, rest.writerIndex())).isEqualTo(2);

        scanner.reset();
        ByteBuf next = bytes(" GET / HTTP/1.1\r\n\r\n");
        assertThat(scanner.scan(next, 0, next.writerIndex())).as("leading space before a request line is skipped")
                .isEqualTo(next.writerIndex());
    }
}
