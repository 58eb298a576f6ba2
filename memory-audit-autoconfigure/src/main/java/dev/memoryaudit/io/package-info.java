/**
 * Files the starter writes: private directories ({@code rwx------}) and their removal. Spring-free.
 */
package dev.memoryaudit.io;
