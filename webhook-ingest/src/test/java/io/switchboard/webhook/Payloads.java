package io.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Webhook bodies for the HTTP tests, each marked with a run id so a test finds its own records on shared topics. */
final class Payloads {

    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String SECOND_PHONE_NUMBER_ID = "106540352242990";

    private Payloads() {
    }

    /**
     * Three statuses and two inbound messages over two entries, formatted the way Meta's bodies arrive (spacing, an
     * escaped non-ASCII character): the signature must cover these exact bytes.
     */
    static byte[] batch(String run) {
        return """
                {"object":"whatsapp_business_account",
                 "entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783881","phone_number_id":"%2$s"},
                   "contacts":[{"profile":{"name":"Aditi Rao"},"wa_id":"919876543210"}],
                   "messages":[{"from":"919876543210","id":"wamid.%1$s-M1","timestamp":"1750030080","type":"text",
                                "text":{"body":"Caf\\u00e9 order %1$s"}}],
                   "statuses":[{"id":"wamid.%1$s-S1","status":"sent","timestamp":"1750030073",
                                "recipient_id":"16505551234","biz_opaque_callback_data":"msg-%1$s-1",
                                "pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"utility"}},
                               {"id":"wamid.%1$s-S2","status":"failed","timestamp":"1750030074",
                                "recipient_id":"16505551235","biz_opaque_callback_data":"msg-%1$s-2",
                                "errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable",
                                           "error_data":{"details":"Receiver is incapable of receiving this message"}}]}]},
                   "field":"messages"}]},
                  {"id":"102290129340399","changes":[{"value":{"messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783890","phone_number_id":"%3$s"},
                   "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
                   "messages":[{"from":"16505551234","id":"wamid.%1$s-M2","timestamp":"1750030090","type":"button",
                                "context":{"from":"15550783890","id":"wamid.%1$s-S1"},
                                "button":{"payload":"CONFIRM","text":"Confirm"}}],
                   "statuses":[{"id":"wamid.%1$s-S3","status":"read","timestamp":"1750030095","recipient_id":"447700900123"}]},
                   "field":"messages"}]}]}
                """.formatted(run, PHONE_NUMBER_ID, SECOND_PHONE_NUMBER_ID).getBytes(StandardCharsets.UTF_8);
    }

    /** One status, the smallest useful body. */
    static byte[] oneStatus(String run) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"statuses\":[{\"id\":\"wamid." + run + "-S1\",\"status\":\"delivered\",\"timestamp\":\"1750030075\","
                + "\"recipient_id\":\"16505551234\"}]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** A template review result: acknowledged, archived, mapped to nothing. */
    static byte[] templateStatusUpdate(String run) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"time\":1750031000,"
                + "\"changes\":[{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\","
                + "\"message_template_id\":1689556908129832,\"message_template_name\":\"order_" + run + "\","
                + "\"message_template_language\":\"en_US\",\"reason\":\"NONE\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Just over 3 MiB (Meta's largest body): a batch of 1,000 updates, 250 statuses and 750 text messages of
     * WhatsApp's maximum length (4,096 characters).
     */
    static byte[] nearMetasLimit(String run) {
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            statuses.add("{\"id\":\"wamid." + run + "-L" + i + "\",\"status\":\"delivered\",\"timestamp\":\""
                    + (1750030000 + i) + "\",\"recipient_id\":\"1650555" + String.format("%04d", i) + "\","
                    + "\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"type\":\"regular\",\"category\":\"utility\"}}");
        }
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 750; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 4096) {
                text.append("Order ").append(run).append(" line ").append(text.length()).append(" of message ")
                        .append(i).append(": please deliver after 6pm, the gate code is ").append(1000 + i).append(". ");
            }
            messages.add("{\"from\":\"91987654" + String.format("%04d", i) + "\",\"id\":\"wamid." + run + "-T" + i
                    + "\",\"timestamp\":\"" + (1750030000 + i) + "\",\"type\":\"text\",\"text\":{\"body\":\""
                    + text.substring(0, 4096) + "\"}}");
        }
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"statuses\":[" + String.join(",", statuses) + "],"
                + "\"messages\":[" + String.join(",", messages) + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Statuses only, one per {@code wamidAndStatus} pair ({@code "S1:sent"} is wamid {@code wamid.<run>-S1}, status
     * {@code sent}), in the order given.
     */
    static byte[] statuses(String run, String... wamidAndStatus) {
        List<String> statuses = new ArrayList<>();
        for (String pair : wamidAndStatus) {
            String[] parts = pair.split(":");
            statuses.add("{\"id\":\"wamid." + run + "-" + parts[0] + "\",\"status\":\"" + parts[1]
                    + "\",\"timestamp\":\"1750030075\",\"recipient_id\":\"16505551234\"}");
        }
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"statuses\":[" + String.join(",", statuses) + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Statuses in one change, wamid {@code wamid.<run>-B<n>} for each n in {@code numbers}, each with pricing. */
    static byte[] manyStatuses(String run, List<Integer> numbers) {
        List<String> statuses = new ArrayList<>();
        for (int n : numbers) {
            statuses.add("{\"id\":\"wamid." + run + "-B" + n + "\",\"status\":\"delivered\",\"timestamp\":\""
                    + (1750030000 + n) + "\",\"recipient_id\":\"1650555" + String.format("%04d", n % 10000) + "\","
                    + "\"biz_opaque_callback_data\":\"msg-" + run + "-" + n + "\","
                    + "\"conversation\":{\"id\":\"c" + run + "\",\"origin\":{\"type\":\"utility\"}},"
                    + "\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"type\":\"regular\",\"category\":\"utility\"}}");
        }
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"statuses\":[" + String.join(",", statuses) + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    static final int MIXED_STATUSES = 30;
    static final int MIXED_MESSAGES = 13;

    /**
     * Three entries: the first with two {@code messages} changes (statuses and texts, one text repeated inside the
     * change), the second with an {@code account_update} change and a change of a field nobody knows, the third on
     * another number with statuses, a button reply, a reaction and a message of a type nobody knows. Statuses
     * {@code wamid.<run>-MS<n>}, messages {@code wamid.<run>-MM<n>}.
     */
    static byte[] mixed(String run) {
        List<String> firstStatuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firstStatuses.add(status(run, i, "sent"));
        }
        firstStatuses.add(status(run, 3, "sent"));
        List<String> firstTexts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firstTexts.add(text(run, i));
        }
        firstTexts.add(text(run, 2));
        List<String> secondStatuses = new ArrayList<>();
        for (int i = 10; i < 20; i++) {
            secondStatuses.add(status(run, i, "read"));
        }
        List<String> secondTexts = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            secondTexts.add(text(run, i));
        }
        List<String> thirdStatuses = new ArrayList<>();
        for (int i = 20; i < MIXED_STATUSES; i++) {
            thirdStatuses.add(status(run, i, "delivered"));
        }
        String thirdMessages = String.join(",",
                "{\"from\":\"16505551234\",\"id\":\"wamid." + run + "-MM10\",\"timestamp\":\"1750030090\","
                        + "\"type\":\"interactive\",\"context\":{\"from\":\"15550783890\",\"id\":\"wamid." + run
                        + "-MS20\"},\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes\","
                        + "\"title\":\"Yes\"}}}",
                "{\"from\":\"16505551234\",\"id\":\"wamid." + run + "-MM11\",\"timestamp\":\"1750030091\","
                        + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid." + run + "-MS21\","
                        + "\"emoji\":\"\\uD83D\\uDC4D\"}}",
                "{\"from\":\"16505551234\",\"id\":\"wamid." + run + "-MM12\",\"timestamp\":\"1750030092\","
                        + "\"type\":\"gizmo\",\"gizmo\":{\"spin\":3}}");
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"102290129340398\",\"changes\":["
                + messagesChange(PHONE_NUMBER_ID, "15550783881", firstStatuses, firstTexts) + ","
                + messagesChange(PHONE_NUMBER_ID, "15550783881", secondStatuses, secondTexts) + "]},"
                + "{\"id\":\"102290129340398\",\"time\":1750031000,\"changes\":["
                + "{\"field\":\"account_update\",\"value\":{\"phone_number\":\"15550783881\","
                + "\"event\":\"VERIFIED_ACCOUNT\",\"note\":\"" + run + "\"}},"
                + "{\"field\":\"brand_new_field\",\"value\":{\"anything\":[1,2,{\"deep\":true}]}}]},"
                + "{\"id\":\"102290129340399\",\"changes\":[{\"field\":\"messages\",\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783890\","
                + "\"phone_number_id\":\"" + SECOND_PHONE_NUMBER_ID + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}],"
                + "\"statuses\":[" + String.join(",", thirdStatuses) + "],"
                + "\"messages\":[" + thirdMessages + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String messagesChange(String phoneNumberId, String display, List<String> statuses,
            List<String> messages) {
        return "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"" + display + "\",\"phone_number_id\":\"" + phoneNumberId + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Aditi Rao\"},\"wa_id\":\"919876543210\"}],"
                + "\"statuses\":[" + String.join(",", statuses) + "],"
                + "\"messages\":[" + String.join(",", messages) + "]}}";
    }

    private static String status(String run, int n, String word) {
        return "{\"id\":\"wamid." + run + "-MS" + n + "\",\"status\":\"" + word + "\",\"timestamp\":\""
                + (1750030000 + n) + "\",\"recipient_id\":\"16505551234\"}";
    }

    private static String text(String run, int n) {
        return "{\"from\":\"919876543210\",\"id\":\"wamid." + run + "-MM" + n + "\",\"timestamp\":\""
                + (1750030080 + n) + "\",\"type\":\"text\",\"text\":{\"body\":\"Order " + run + " item " + n + "\"}}";
    }
}
