package com.custodian.users;

import java.util.List;

import com.custodian.base.i18n.Text;
import com.custodian.security.Identity;

/**
 * Another feature's data that names people by their email address (alert rules). Before users
 * are deleted the page lists these lines; when they are deleted with their references, the
 * feature removes them in the same transaction, on {@link UsersRemoved}.
 */
public interface UserReferences {

    /** One line per thing that names any of these people, for the reader's language; empty when nothing does. */
    List<Text> describe(List<Identity> people);
}
