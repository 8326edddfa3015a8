package com.custodian.users;

import java.util.Arrays;

/**
 * A change to users or roles that was refused, and why. Nothing was stored: the transaction that
 * raised it rolls back.
 */
public class UsersException extends RuntimeException implements com.custodian.base.Refusal {

    private final UsersProblem problem;
    private final transient Object[] arguments;

    public UsersException(UsersProblem problem, Object... arguments) {
        super(problem.name() + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.problem = problem;
        this.arguments = arguments.clone();
    }

    public UsersProblem problem() {
        return problem;
    }

    /** The values the problem's message names (an email address, a count, a role name). */
    public Object[] arguments() {
        return arguments.clone();
    }
}
