/**
 * Thread-local entries on pooled threads, grouped by the thread-local's owner, read where the JDK lets us read
 * {@code Thread.threadLocals} ({@code --add-opens java.base/java.lang=ALL-UNNAMED}). Spring-free.
 */
package dev.memoryaudit.audit.threadlocals;
