/** The elements only full mode shows, loaded as their own chunk. */
import '../contact-list/contact-list.ts';
import '../login-form/login-form.ts';
import '../visitor-details/visitor-details.ts';
