package jp.soudan.iriguchi.referral.casework;

/** No such ticket, or not one of the caller's desks: the two are deliberately the same answer. */
public class TicketNotFoundException extends RuntimeException {

    public TicketNotFoundException(String caseNumber) {
        super("no ticket " + caseNumber + " in the caller's desks");
    }
}
