package dev.memoryaudit.sample.web;

/**
 * The JSON body of a rejected request: what went wrong and what would have been accepted.
 *
 * @param error what was wrong with the request
 * @param allowed the values that would have been accepted
 */
public record ErrorResponse(String error, String allowed) {

}
