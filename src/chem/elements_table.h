/* Internal: the generated element table (src/chem/elements_table.c, written
 * by tools/gen_elements.py) and its symbol index. */
#ifndef MGE_CHEM_ELEMENTS_TABLE_H
#define MGE_CHEM_ELEMENTS_TABLE_H

#include "mge/chem.h"

/* mge_elt_table[Z - 1] is element Z. */
extern const mge_element mge_elt_table[MGE_Z_MAX];

/* Z of a symbol: index (c0 - 'A') * 27 + (c1 - 'a' + 1), with 0 in place of
 * the second term for one-letter symbols; 0 where no element has it. */
extern const unsigned char mge_elt_symbol_index[26 * 27];

/* Citation of data/elements/prices.csv. */
extern const char mge_elt_price_source[];

#endif
