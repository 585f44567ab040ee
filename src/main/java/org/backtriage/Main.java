package org.backtriage; public final class Main { public static void main(String[] a){} }
