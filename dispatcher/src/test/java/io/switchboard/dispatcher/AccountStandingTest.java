package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which accounts may send, and the error a message of one that may not ends with. */
class AccountStandingTest {

    private static final Instant CHANGED = Instant.parse("2026-03-02T10:15:30Z");
    private final SendCommand command = Commands.text("106540352242922", "+919876543210", "Your order has shipped");

    @Test
    void anActiveOrUnknownAccountSends() {
        assertThat(standing(AccountStatus.ACTIVE, null).refusal(command)).isEmpty();
        assertThat(AccountStanding.allowAll().refusal(command)).isEmpty();
    }

    @Test
    void aDisabledAccountsMessagesFailWithTheReasonAndWhatToDo() {
        assertThat(standing(AccountStatus.DISABLED, "unpaid invoice").refusal(command)).hasValueSatisfying(error -> {
            assertThat(error.getReason()).isEqualTo("ACCOUNT_DISABLED");
            assertThat(error.getTitle()).isEqualTo("Account disabled");
            assertThat(error.getCode()).isNull();
            assertThat(error.getDetail()).contains(Commands.ACCOUNT).contains("disabled on " + CHANGED)
                    .contains("unpaid invoice").contains("not sent").contains("enabled");
        });
    }

    @Test
    void aDeletedAccountsMessagesFailAsDeleted() {
        assertThat(standing(AccountStatus.DELETED, null).refusal(command)).hasValueSatisfying(error -> {
            assertThat(error.getReason()).isEqualTo("ACCOUNT_DELETED");
            assertThat(error.getTitle()).isEqualTo("Account deleted");
            assertThat(error.getDetail()).contains("was deleted on " + CHANGED);
        });
    }

    private static AccountStanding standing(AccountStatus status, String reason) {
        Account account = Account.newBuilder().setAccountId(Commands.ACCOUNT).setName("Retail")
                .setWabaId("100000000000001").setPhoneNumberId("106540352242922").setCreatedAt(CHANGED)
                .setStatus(status).setStatusReason(reason).setStatusChangedAt(CHANGED).build();
        return new AccountStanding(Map.of(Commands.ACCOUNT, account)::get);
    }
}
