package io.switchboard.dispatcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.CtaUrl;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.ReplyButton;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TemplateComponent;
import io.switchboard.schemas.avro.TemplateContent;
import io.switchboard.schemas.avro.TemplateParameter;
import io.switchboard.schemas.avro.TextContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link CommandRules}, code by code: one valid command per kind, then one broken field per row. */
class CommandRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final String NUMBER = "106540352242922";
    private static final String TO = "+919876543210";
    private static final Account ACCOUNT = Account.newBuilder().setAccountId("acc_retail").setName("Retail")
            .setWabaId("100000000000001").setPhoneNumberId(NUMBER).setCreatedAt(NOW.minusSeconds(86_400)).build();

    private final CommandRules rules = new CommandRules(Map.of("acc_retail", ACCOUNT)::get, true,
            Clock.fixed(NOW, ZoneOffset.UTC));

    static SendCommand.Builder envelope(MessageKind kind) {
        return SendCommand.newBuilder().setMessageId("3f1c2b9e-8a4d-4c57-9e1a-2b7d0c6f5a13").setAccountId("acc_retail")
                .setPhoneNumberId(NUMBER).setRecipient(TO).setKind(kind).setAcceptedAt(NOW.minusSeconds(2))
                .setExpiresAt(NOW.plus(Duration.ofHours(24))).setReference("order-4711").setSource("kafka");
    }

    static SendCommand.Builder text() {
        return envelope(MessageKind.TEXT).setText(TextContent.newBuilder().setBody("Your order has shipped").build());
    }

    static SendCommand.Builder template() {
        TemplateParameter name = TemplateParameter.newBuilder().setType("text").setText("Asha").build();
        TemplateParameter image = TemplateParameter.newBuilder().setType("image")
                .setMedia(MediaRef.newBuilder().setLink("https://cdn.example.com/banner.png").build()).build();
        return envelope(MessageKind.TEMPLATE).setTemplate(TemplateContent.newBuilder().setName("order_shipped")
                .setLanguage("en_US").setComponents(List.of(
                        TemplateComponent.newBuilder().setType("header").setParameters(List.of(image)).build(),
                        TemplateComponent.newBuilder().setType("body").setParameters(List.of(name)).build(),
                        TemplateComponent.newBuilder().setType("button").setSubType("url").setIndex("0")
                                .setParameters(List.of(TemplateParameter.newBuilder().setType("text")
                                        .setText("ORD-4711").build())).build())).build());
    }

    static SendCommand.Builder image() {
        return envelope(MessageKind.IMAGE).setMedia(MediaContent.newBuilder().setType(MediaType.IMAGE)
                .setLink("https://cdn.example.com/receipt.jpg").setCaption("Your receipt").build());
    }

    static SendCommand.Builder list() {
        List<ListRow> rows = List.of(ListRow.newBuilder().setId("std").setTitle("Standard").build(),
                ListRow.newBuilder().setId("exp").setTitle("Express").setDescription("Next day").build());
        return envelope(MessageKind.INTERACTIVE_LIST).setInteractive(InteractiveContent.newBuilder()
                .setType(InteractiveType.LIST).setBody("Choose a delivery option").setListButton("Options")
                .setSections(List.of(ListSection.newBuilder().setTitle("Delivery").setRows(rows).build())).build());
    }

    static SendCommand.Builder buttons() {
        return envelope(MessageKind.INTERACTIVE_BUTTON).setInteractive(InteractiveContent.newBuilder()
                .setType(InteractiveType.BUTTON).setBody("Confirm your booking?")
                .setHeader(InteractiveHeader.newBuilder().setType(HeaderType.IMAGE)
                        .setMedia(MediaRef.newBuilder().setId("1013859600285441").build()).build())
                .setButtons(List.of(ReplyButton.newBuilder().setId("yes").setTitle("Yes").build(),
                        ReplyButton.newBuilder().setId("no").setTitle("No").build())).build());
    }

    static SendCommand.Builder cta() {
        return envelope(MessageKind.INTERACTIVE_CTA_URL).setInteractive(InteractiveContent.newBuilder()
                .setType(InteractiveType.CTA_URL).setBody("Track your parcel")
                .setCtaUrl(CtaUrl.newBuilder().setDisplayText("Track").setUrl("https://example.com/t/4711").build())
                .build());
    }

    @Test
    void aValidCommandOfEveryKindPasses() {
        SendCommand.Builder offer = template().setTemplate(withTemplate(t -> t.setComponents(List.of(
                TemplateComponent.newBuilder().setType("limited_time_offer").setParameters(List.of(
                        TemplateParameter.newBuilder().setType("limited_time_offer")
                                .setExpirationTimeMs(1767225600000L).build())).build()))));
        for (SendCommand.Builder command : List.of(text(), template(), offer, image(), list(), buttons(), cta())) {
            SendCommand built = command.build();
            assertThat(rules.check(key(built), built)).as(built.getKind().toString()).isEmpty();
        }
    }

    @Test
    void anExpiryAlreadyPastIsLeftToTheExpiryRule() {
        SendCommand command = text().setExpiresAt(NOW.minusSeconds(60)).build();
        assertThat(rules.check(key(command), command)).isEmpty();
    }

    @Test
    void withoutTheAccountCheckAnUnknownAccountPasses() {
        CommandRules lenient = new CommandRules(id -> null, false, Clock.fixed(NOW, ZoneOffset.UTC));
        SendCommand command = text().setAccountId("acc_nobody").build();
        assertThat(lenient.check(key(command), command)).isEmpty();
    }

    @Test
    void thePhoneNumbersTableSaysWhichAccountOwnsANumber() {
        Map<String, String> owners = Map.of(NUMBER, "acc_retail", "106540352242923", "acc_travel",
                "106540352242924", "acc_retail");
        CommandRules withOwners = new CommandRules(Map.of("acc_retail", ACCOUNT)::get, owners::get, true,
                Clock.fixed(NOW, ZoneOffset.UTC));
        SendCommand own = text().build();
        SendCommand second = text().setPhoneNumberId("106540352242924").build();
        SendCommand someoneElses = text().setPhoneNumberId("106540352242923").build();
        SendCommand unclaimed = text().setPhoneNumberId("999999999999999").build();

        assertThat(withOwners.check(key(own), own)).isEmpty();
        assertThat(withOwners.check(key(second), second)).as("a second number of the account").isEmpty();
        assertThat(withOwners.check(key(someoneElses), someoneElses)).hasValueSatisfying(rejection -> {
            assertThat(rejection.code()).isEqualTo(RejectionCode.NUMBER_NOT_OWNED);
            assertThat(rejection.reason()).contains("106540352242923").doesNotContain("acc_travel");
        });
        assertThat(withOwners.check(key(unclaimed), unclaimed)).hasValueSatisfying(rejection ->
                assertThat(rejection.code()).isEqualTo(RejectionCode.PHONE_NUMBER_NOT_OF_ACCOUNT));

        CommandRules taken = new CommandRules(Map.of("acc_retail", ACCOUNT)::get, Map.of(NUMBER, "acc_travel")::get,
                true, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(taken.check(key(own), own)).as("the table wins over the account's own record")
                .hasValueSatisfying(rejection -> assertThat(rejection.code()).isEqualTo(RejectionCode.NUMBER_NOT_OWNED));
    }

    static Stream<Arguments> brokenCommands() {
        String long4097 = "a".repeat(4097);
        return Stream.of(
                row(RejectionCode.MISSING_MESSAGE_ID, text().setMessageId(" ")),
                row(RejectionCode.INVALID_MESSAGE_ID, text().setMessageId("msg-42")),
                row(RejectionCode.INVALID_RECIPIENT, text().setRecipient("919876543210")),
                row(RejectionCode.INVALID_RECIPIENT, text().setRecipient("+0123456789")),
                row(RejectionCode.UNKNOWN_ACCOUNT, text().setAccountId("acc_nobody")),
                row(RejectionCode.UNKNOWN_ACCOUNT, text().setAccountId("")),
                row(RejectionCode.PHONE_NUMBER_NOT_OF_ACCOUNT, text().setPhoneNumberId("999999999999999")),
                row(RejectionCode.INVALID_ACCEPTED_AT, text().setAcceptedAt(Instant.EPOCH).setExpiresAt(null)),
                row(RejectionCode.INVALID_ACCEPTED_AT, text().setAcceptedAt(NOW.plus(Duration.ofHours(1)))),
                row(RejectionCode.INVALID_EXPIRY, text().setExpiresAt(NOW.plus(Duration.ofDays(8)))),
                row(RejectionCode.INVALID_ENVELOPE, text().setReference("r".repeat(101))),
                row(RejectionCode.CONTENT_MISMATCH, envelope(MessageKind.TEXT)),
                row(RejectionCode.CONTENT_MISMATCH, text().setMedia(image().getMedia())),
                row(RejectionCode.CONTENT_MISMATCH, envelope(MessageKind.IMAGE)),
                row(RejectionCode.CONTENT_MISMATCH, envelope(MessageKind.UNKNOWN)),
                row(RejectionCode.INVALID_TEXT, text().setText(TextContent.newBuilder().setBody("   ").build())),
                row(RejectionCode.INVALID_TEXT, text().setText(TextContent.newBuilder().setBody(long4097).build())),
                row(RejectionCode.INVALID_TEXT, text().setText(TextContent.newBuilder().setBody("bad \uD800").build())),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setName("")))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setLanguage("english")))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setComponents(
                        List.of(TemplateComponent.newBuilder().setType("footer").build()))))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setComponents(
                        List.of(TemplateComponent.newBuilder().setType("button").setSubType("url").build()))))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setComponents(
                        List.of(TemplateComponent.newBuilder().setType("body").setParameters(List.of(
                                TemplateParameter.newBuilder().setType("text").build())).build()))))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setComponents(
                        List.of(TemplateComponent.newBuilder().setType("body").setParameters(List.of(
                                TemplateParameter.newBuilder().setType("emoji").setText("x").build())).build()))))),
                row(RejectionCode.INVALID_TEMPLATE, template().setTemplate(withTemplate(t -> t.setComponents(
                        List.of(TemplateComponent.newBuilder().setType("limited_time_offer").setParameters(List.of(
                                TemplateParameter.newBuilder().setType("limited_time_offer").build())).build()))))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setMediaId("4490709327384033")))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setLink(null)))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setLink("http://cdn.example.com/a.jpg")))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setType(MediaType.VIDEO)))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setCaption("c".repeat(1025))))),
                row(RejectionCode.INVALID_MEDIA, image().setMedia(withMedia(m -> m.setFilename("receipt.jpg")))),
                row(RejectionCode.INVALID_MEDIA, envelope(MessageKind.AUDIO).setMedia(MediaContent.newBuilder()
                        .setType(MediaType.AUDIO).setMediaId("1").setCaption("no captions on audio").build())),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setType(InteractiveType.BUTTON)))),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setBody("b".repeat(1025))))),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setListButton(null)))),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setSections(List.of())))),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setSections(elevenRows())))),
                row(RejectionCode.INVALID_INTERACTIVE, list().setInteractive(withInteractive(list(),
                        i -> i.setSections(List.of(ListSection.newBuilder().setRows(List.of(
                                ListRow.newBuilder().setId("a").setTitle("A").build(),
                                ListRow.newBuilder().setId("a").setTitle("B").build())).build()))))),
                row(RejectionCode.INVALID_INTERACTIVE, buttons().setInteractive(withInteractive(buttons(),
                        i -> i.setButtons(List.of())))),
                row(RejectionCode.INVALID_INTERACTIVE, buttons().setInteractive(withInteractive(buttons(),
                        i -> i.setButtons(Collections.nCopies(4, ReplyButton.newBuilder().setId("x").setTitle("X")
                                .build()))))),
                row(RejectionCode.INVALID_INTERACTIVE, buttons().setInteractive(withInteractive(buttons(),
                        i -> i.setButtons(List.of(ReplyButton.newBuilder().setId("a").setTitle("Same").build(),
                                ReplyButton.newBuilder().setId("b").setTitle("Same").build()))))),
                row(RejectionCode.INVALID_INTERACTIVE, buttons().setInteractive(withInteractive(buttons(),
                        i -> i.setHeader(InteractiveHeader.newBuilder().setType(HeaderType.VIDEO).build())))),
                row(RejectionCode.INVALID_INTERACTIVE, cta().setInteractive(withInteractive(cta(),
                        i -> i.setCtaUrl(CtaUrl.newBuilder().setDisplayText("Track").setUrl("ftp://x").build())))),
                row(RejectionCode.INVALID_INTERACTIVE, cta().setInteractive(withInteractive(cta(),
                        i -> i.setCtaUrl(null)))));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("brokenCommands")
    void aBrokenCommandIsRejectedWithItsCode(RejectionCode expected, SendCommand command, String description) {
        assertThat(rules.check(key(command), command)).hasValueSatisfying(rejection -> {
            assertThat(rejection.code()).as(rejection.reason()).isEqualTo(expected);
            assertThat(rejection.reason()).isNotBlank().doesNotContain("9876543210");
        });
    }

    @Test
    void aKeyThatIsNotPhoneNumberIdColonRecipientIsAKeyMismatch() {
        SendCommand command = text().build();
        assertThat(rules.check(NUMBER + ":+447700900123", command)).get()
                .extracting(Rejection::code).isEqualTo(RejectionCode.KEY_MISMATCH);
        assertThat(rules.check(null, command)).get()
                .extracting(Rejection::code).isEqualTo(RejectionCode.KEY_MISMATCH);
    }

    @Test
    void textLengthsCountCharactersNotUtf16Units() {
        SendCommand emoji = text().setText(TextContent.newBuilder().setBody("\uD83D\uDE00".repeat(4096)).build())
                .build();
        assertThat(rules.check(key(emoji), emoji)).isEmpty();
    }

    private static Arguments row(RejectionCode code, SendCommand.Builder command) {
        SendCommand built = command.build();
        return Arguments.of(code, built, built.getKind() + " " + code.name().toLowerCase());
    }

    private static String key(SendCommand command) {
        return Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
    }

    private static TemplateContent withTemplate(UnaryOperator<TemplateContent.Builder> change) {
        return change.apply(TemplateContent.newBuilder(template().getTemplate())).build();
    }

    private static MediaContent withMedia(UnaryOperator<MediaContent.Builder> change) {
        return change.apply(MediaContent.newBuilder(image().getMedia())).build();
    }

    private static InteractiveContent withInteractive(SendCommand.Builder base,
            UnaryOperator<InteractiveContent.Builder> change) {
        return change.apply(InteractiveContent.newBuilder(base.getInteractive())).build();
    }

    private static List<ListSection> elevenRows() {
        List<ListSection> sections = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            List<ListRow> rows = new ArrayList<>();
            for (int r = 0; r < (s == 0 ? 10 : 1); r++) {
                rows.add(ListRow.newBuilder().setId(s + "-" + r).setTitle("Row " + r).build());
            }
            sections.add(ListSection.newBuilder().setTitle("Section " + s).setRows(rows).build());
        }
        return sections;
    }
}
