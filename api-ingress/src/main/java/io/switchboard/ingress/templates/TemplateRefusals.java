package io.switchboard.ingress.templates;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Template;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Refusals of a template that cannot be sent, saying what to do: a name that exists in other languages names them
 * ({@code hello_world} in {@code en}: "it exists in en_US"); an unknown name suggests up to three of the account's
 * templates whose names are close (same letters in another case, or at most two edits apart); a template that is
 * not APPROVED says its status, what it means, and in which languages the name is APPROVED. Only the caller's own
 * account's templates are ever named.
 */
public final class TemplateRefusals {

    static final int MAX_SUGGESTIONS = 3;

    private TemplateRefusals() {
    }

    /** 404 TEMPLATE_NOT_FOUND for {@code name} (in {@code language}, when given) among the account's templates. */
    public static ApiError notFound(List<Template> account, String name, @Nullable String language) {
        String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
        String message = "Template " + shown + (language == null ? "" : " in language "
                + (language.length() > 20 ? "?" : language)) + " does not exist for this account";
        List<String> languages = account.stream().filter(t -> t.getName().equals(name)).map(Template::getLanguage)
                .distinct().toList();
        if (!languages.isEmpty()) {
            message += "; it exists in " + String.join(", ", languages) + " (send \"language\": \""
                    + languages.get(0) + "\")";
        } else {
            List<String> close = account.stream().map(Template::getName).distinct()
                    .filter(candidate -> close(candidate, name))
                    .sorted(Comparator.comparingInt((String c) -> distance(c.toLowerCase(Locale.ROOT),
                            name.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder()))
                    .limit(MAX_SUGGESTIONS).toList();
            message += close.isEmpty() ? ". GET /api/v1/external/templates lists the account's templates"
                    : ". Did you mean " + String.join(" or ", close) + "?";
        }
        return ApiError.of(ErrorCode.TEMPLATE_NOT_FOUND, message);
    }

    /** 422 TEMPLATE_NOT_APPROVED for a template whose status is not APPROVED. */
    public static ApiError notApproved(List<Template> account, Template template) {
        String status = template.getStatus().toUpperCase(Locale.ROOT);
        String meaning = switch (status) {
            case "PENDING" -> " (WhatsApp is still reviewing it)";
            case "REJECTED" -> " (WhatsApp rejected it: edit it and submit it again)";
            case "PAUSED" -> " (WhatsApp paused it after low quality ratings; it can be sent again once resumed)";
            case "DISABLED" -> " (WhatsApp disabled it after repeated low quality ratings)";
            case "IN_APPEAL" -> " (an appeal of its rejection is under review)";
            default -> "";
        };
        List<String> approved = account.stream()
                .filter(t -> t.getName().equals(template.getName()) && "APPROVED".equalsIgnoreCase(t.getStatus()))
                .map(Template::getLanguage).toList();
        return ApiError.of(ErrorCode.TEMPLATE_NOT_APPROVED, "Template " + template.getName() + " ("
                + template.getLanguage() + ") is " + status + meaning + "; only APPROVED templates can be sent"
                + (approved.isEmpty() ? "" : ". It is APPROVED in " + String.join(", ", approved)));
    }

    private static boolean close(String candidate, String name) {
        String a = candidate.toLowerCase(Locale.ROOT);
        String b = name.toLowerCase(Locale.ROOT);
        return a.equals(b) || Math.min(a.length(), b.length()) >= 4 && distance(a, b) <= 2;
    }

    /** Levenshtein distance, bounded: names over 100 characters are never close. */
    static int distance(String a, String b) {
        if (a.length() > 100 || b.length() > 100) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
