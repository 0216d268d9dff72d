package jp.soudan.iriguchi.referral.casework;

/**
 * A desk tickets are routed to.
 *
 * @param id the id used in configuration and accounts
 * @param name the name residents and staff see
 */
public record Desk(String id, String name) {
}
