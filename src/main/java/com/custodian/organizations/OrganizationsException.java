package com.custodian.organizations;

import java.util.Arrays;

/**
 * A change to the organization tree that was refused, and why. Nothing was stored: the transaction
 * that raised it rolls back.
 */
public class OrganizationsException extends RuntimeException implements com.custodian.base.Refusal {

    private final OrganizationsProblem problem;
    private final transient Object[] arguments;

    public OrganizationsException(OrganizationsProblem problem, Object... arguments) {
        super(problem.name() + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.problem = problem;
        this.arguments = arguments.clone();
    }

    public OrganizationsProblem problem() {
        return problem;
    }

    /** The values the problem's message names (a name, a limit, counts). */
    public Object[] arguments() {
        return arguments.clone();
    }
}
